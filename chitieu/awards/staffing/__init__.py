"""The bodies and civil servants of a province's emulation and commendation work, as entered by
its Board (Biểu 0604.N and 0605.N/BNV-TĐKT are counted from them)."""
