"""The back office: staff log in, work the queue, look at the map and handle reports.

Every page goes through :mod:`openbuurt.reports.access`, so staff see only what their organisation, departments
and the police rule allow; reports outside that scope answer 404, so their existence does not leak.
"""
