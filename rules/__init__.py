"""The default rule files of reflow (TOML data, installed as `reflow.default_rules`)."""
