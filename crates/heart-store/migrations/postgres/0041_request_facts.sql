-- What the figures count without opening anyone's record (docs/metrics.md): the neighbourhood a request's point is
-- in (never finer; none when the place was withheld or is outside every neighbourhood; emptied when the person is
-- erased), and whether the team was open, full or closed when it arrived (not known for imported history).
ALTER TABLE requests ADD COLUMN neighbourhood TEXT;
ALTER TABLE requests ADD COLUMN availability TEXT CHECK (availability IN ('open', 'full', 'closed'));
