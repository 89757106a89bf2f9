"""Fit prediction: RTR-trained model, storefront fit model, catalog, feedback, registry."""
