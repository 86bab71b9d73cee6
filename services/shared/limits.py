"""Google's Sheets API quotas, the numbers the deployment is sized against.

Source: https://developers.google.com/sheets/api/limits ("Usage limits"): per minute, refilled every minute —
read requests 300 per project and 60 per user per project; write requests 300 per project and 60 per user per
project. A request beyond them is refused with HTTP 429.
"""

READS_PER_MIN_PER_PROJECT = 300
READS_PER_MIN_PER_USER = 60
WRITES_PER_MIN_PER_PROJECT = 300
WRITES_PER_MIN_PER_USER = 60
