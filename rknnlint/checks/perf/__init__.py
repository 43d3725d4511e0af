"""Performance advice: channel alignment, dynamic weights, build dtype, and the SDK's efficiency guidance."""
