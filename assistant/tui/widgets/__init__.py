"""The widgets of the leadqual screen: lead list, transcript, lead card, composer."""
