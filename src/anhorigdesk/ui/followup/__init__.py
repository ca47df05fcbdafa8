"""Uppföljning (follow-up): the unit head's area in the main window, one tab per section
(``area.FollowUpArea``); Statistik is ``statistics_view.StatisticsView``."""
