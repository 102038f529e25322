"""The global team's work over many files.

    consolidate            check every submission in a folder (in worker processes) and
                           merge the clean ones; DQ9's cross-file half, which it calls,
                           lives with DQ9 in checking.rules.dq9_ownership
    consolidated_workbook  the workbook it writes: Summary, the global Pipeline, the
                           cross-file findings
    verify                 whether a submission is unchanged since its check

Uses every layer below it. Every sentence comes from the catalogue
(resources/messages/*/jobs.yaml); the consolidated workbook's sheet names and column
headers are its layout and stay as they are.
"""
