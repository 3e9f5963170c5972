"""Daily partitions keyed by landing date (see DESIGN.md "Partitions")."""

import dagster as dg

# end_offset=1 makes today a partition too: files land in today's folder and
# the sensor must be able to request it before the day is over.
daily = dg.DailyPartitionsDefinition(start_date="2000-01-01", end_offset=1)
