"""Screens on top of the main one: help, rules, dialogs."""
