"""Loading community data: the interchange format (``graphmodel.interchange``) and chat exports."""
