"""A change to the networks clears the check's cached network table at once."""

from .selectors import network_table_forget


def network_changed(sender, **kwargs):
    network_table_forget()
