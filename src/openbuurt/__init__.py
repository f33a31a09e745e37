"""OpenBuurt: hear residents and act on what they hear."""
