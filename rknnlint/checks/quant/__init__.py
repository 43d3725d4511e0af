"""Rules about what an int8 build does to ranges: weight outliers, concatenated ranges, input scaling, calibration."""
