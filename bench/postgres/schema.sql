-- The PostgreSQL baseline's schema: what a team would build for marks without Orleans. A mark is a row keyed by
-- user, place and kind (1 = been here), and each place keeps its been-here count next to it.
CREATE TABLE marks (
    user_id  bigint   NOT NULL,
    place_id bigint   NOT NULL,
    kind     smallint NOT NULL,
    PRIMARY KEY (user_id, place_id, kind)
);

CREATE TABLE place_counts (
    place_id  bigint PRIMARY KEY,
    been_here bigint NOT NULL DEFAULT 0
);

-- Places 1..:places, all at zero, as the Orleans run seeds PLACES places.
INSERT INTO place_counts (place_id) SELECT generate_series(1, :places);
