"""The PT -> ONNX -> RKNN workflow: source configs that travel with a model, and conversion packages."""
