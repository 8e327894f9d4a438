"""What a marketer reads: backtests of a scoring change (`backtest`), and the funnel report
with its charts (`data`, `html`, `markdown`)."""
