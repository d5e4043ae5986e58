"""The Preparation tab: readiness wizards, the communication protocol, tools and their tests."""
