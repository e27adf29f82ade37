-- What the SMTP server last said about an outbound message, so the user sees why it was sent, retried, failed or is
-- in doubt: the stage the transaction reached (connect, mail, rcpt, data, body, end_of_data), the reply code (NULL
-- or 0 for no reply: a drop or a timeout) and the enhanced status code (RFC 3463, e.g. 5.1.1) when the server gave
-- one. The reply's text is in last_error. Valid for MariaDB 10.6+ and for H2 in MariaDB mode.
ALTER TABLE outbound_message ADD COLUMN smtp_stage VARCHAR(16);
ALTER TABLE outbound_message ADD COLUMN smtp_code INT;
ALTER TABLE outbound_message ADD COLUMN smtp_status VARCHAR(16);
