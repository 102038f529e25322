"""The global team's work over many files: consolidating a folder of submissions and
verifying that a submission is unchanged since its check.

Uses every layer below it.
"""
