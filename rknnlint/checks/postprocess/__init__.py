"""Rules about post-processing exported inside the model (NMS, TopK, DFL, box decoding, box+score Concat)."""
