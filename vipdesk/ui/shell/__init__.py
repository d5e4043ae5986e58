"""The application around the windows: starting it (`app`: the language, the colour scheme,
the database, clear start-up failures; `display`: whether Qt can show a window at all), the
main window with its tabs and menus (`main_window`, `appearance`), and the log file (`logs`)."""
