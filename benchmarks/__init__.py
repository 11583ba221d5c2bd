"""Benchmarks: a loopback site simulator and a runner that times doxaudit, Sherlock and Maigret against it."""
