"""The family view: the last visit's record shown to the family, locked to that one record, and what they
say about it kept beside the record. Also the worker's side: a PIN for leaving, and answering responses."""
