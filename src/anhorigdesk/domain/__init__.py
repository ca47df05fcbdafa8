"""The domain of carer support, without storage or screens."""
