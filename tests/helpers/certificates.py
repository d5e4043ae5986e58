"""Throwaway certificates for signing tests: a self-signed CA and one signer per party."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from tests.helpers.samples import COORDINATOR, MENTOR, TRAINEE

PASSPHRASE = b"correct horse battery staple"
SIGNERS = {"student": TRAINEE, "sending": COORDINATOR, "host": MENTOR}


@dataclass(frozen=True)
class Certificates:
    """A test CA and, per party, a PKCS#12 file protected by PASSPHRASE."""

    folder: Path
    ca_pem: bytes
    p12: dict[str, bytes]

    def path(self, party: str) -> Path:
        return self.folder / f"{party}.p12"


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "vipdesk tests"),
        ]
    )


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def make_certificates(folder: Path, names: dict[str, str] | None = None) -> Certificates:
    """A self-signed CA and three signers in `folder` (EC keys: made in milliseconds);
    `names` replaces the common names of some parties' signers."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("vipdesk test CA")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(ca=True), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    files: dict[str, bytes] = {}
    for party, common_name in {**SIGNERS, **(names or {})}.items():
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_usage(ca=False), critical=True)
            .sign(ca_key, hashes.SHA256())
        )
        files[party] = pkcs12.serialize_key_and_certificates(
            common_name.encode(), key, cert, [ca], serialization.BestAvailableEncryption(PASSPHRASE)
        )
        (folder / f"{party}.p12").write_bytes(files[party])
    ca_pem = ca.public_bytes(serialization.Encoding.PEM)
    (folder / "ca.pem").write_bytes(ca_pem)
    (folder / "passphrase.txt").write_bytes(PASSPHRASE + b"\n")
    return Certificates(folder, ca_pem, files)


def self_signed_p12(common_name: str, organisation: str = "") -> bytes:
    """A key whose certificate anyone could make: self-signed, in any name (no passphrase)."""
    now = datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    name = x509.Name(attributes)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(_usage(ca=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"forged", key, cert, None, serialization.NoEncryption()
    )
