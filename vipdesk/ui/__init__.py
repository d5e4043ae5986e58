"""The Qt interface: the main window and a folder per tab. Only this layer imports Qt."""
