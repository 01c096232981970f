-- One "been here" mark per transaction, run by pgbench in every client. The hot run passes first_place =
-- last_place = 1, the uniform run 1 and PLACES. A user id drawn from 63 bits makes every (user, place) pair fresh
-- in practice (a repeat among a million marks has a chance of about 1 in 10^7), as every S1 and S2 mark is.
\set place_id random(:first_place, :last_place)
\set user_id random(1, 9000000000000000000)
-- One statement, so one round trip and one commit (its own transaction, durable at default settings): the
-- counter moves by the number of rows the insert inserted, so a repeated mark leaves it alone and the count
-- stays exact. BEGIN / INSERT / UPDATE / COMMIT would cost four round trips and an UPDATE that has to know
-- whether the INSERT did anything; this is the strongest form of the same transaction, so the fairest baseline.
WITH inserted AS (
    INSERT INTO marks (user_id, place_id, kind) VALUES (:user_id, :place_id, 1)
    ON CONFLICT DO NOTHING
    RETURNING 1
)
UPDATE place_counts SET been_here = been_here + (SELECT count(*) FROM inserted) WHERE place_id = :place_id;
