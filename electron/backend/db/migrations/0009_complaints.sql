-- Complaints and feedback: what a household complained of, and what the shop did about it.
-- What was said is kept as said; every step after it (handled, closed, the follow-up asking whether
-- they are satisfied, reopened) is an appended event, undoable by marking it undone. The status is the
-- latest step standing (services/complaints/complaints.ts), never stored.
CREATE TABLE complaints (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  kind        TEXT NOT NULL CHECK (kind IN ('quality', 'late', 'wrong_item', 'price', 'attitude', 'other')),
  said        TEXT NOT NULL,
  date        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX complaints_by_customer ON complaints (customer_id, created_at);

CREATE TABLE complaint_events (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  action       TEXT NOT NULL CHECK (action IN ('handled', 'closed', 'followed_up', 'reopened')),
  by           TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT '',
  satisfied    INTEGER CHECK (satisfied IS NULL OR satisfied IN (0, 1)),
  created_at   TEXT NOT NULL,
  undone_at    TEXT
);
CREATE INDEX complaint_events_by_complaint ON complaint_events (complaint_id, id);
