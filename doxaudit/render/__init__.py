"""Renderers: each is a pure function of the Report. None of them touches the network."""
