"""The audit layer, between findings and reporters: the RGAA 4.1.2 view of a run for accessibility
officers (`rgaa`: per criterion and page, failed / to review / not applicable / not tested), and the
official ODS audit grid filled from it and read back after a person completes it (`grid`).
"""
