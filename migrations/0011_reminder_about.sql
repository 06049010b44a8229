-- The message a reminder is about (its words, its link and how the platform
-- finds it again), as JSON; null for a reminder about nothing but its text.
ALTER TABLE reminders ADD COLUMN about TEXT;
