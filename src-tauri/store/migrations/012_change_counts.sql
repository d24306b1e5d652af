-- How many times each area's rows have changed, counted by triggers, so a
-- figure read from a whole area (every day's practice totals, the drafted
-- stories, the ended mock rounds, the stored plan, the rehearsal queue's
-- counts) can be kept until that area changes,
-- whichever connection or trigger wrote it. A tick in the schedule no
-- longer throws away the practice totals.
CREATE TABLE change_count (
    area TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO change_count (area, n) VALUES
    ('practice', 0), ('stories', 0), ('mocks', 0), ('plan', 0), ('rehearsal', 0);

-- practice_day is itself kept by triggers on the log, the mock rounds, the
-- rehearsals and the story revisions, so this covers all of them.
CREATE TRIGGER change_count_practice_insert AFTER INSERT ON practice_day BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'practice';
END;
CREATE TRIGGER change_count_practice_update AFTER UPDATE ON practice_day BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'practice';
END;
CREATE TRIGGER change_count_practice_delete AFTER DELETE ON practice_day BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'practice';
END;

CREATE TRIGGER change_count_story_insert AFTER INSERT ON story BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'stories';
END;
CREATE TRIGGER change_count_story_update AFTER UPDATE ON story BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'stories';
END;
CREATE TRIGGER change_count_story_delete AFTER DELETE ON story BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'stories';
END;

CREATE TRIGGER change_count_mock_insert AFTER INSERT ON mock_session BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'mocks';
END;
CREATE TRIGGER change_count_mock_update AFTER UPDATE ON mock_session BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'mocks';
END;
CREATE TRIGGER change_count_mock_delete AFTER DELETE ON mock_session BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'mocks';
END;

CREATE TRIGGER change_count_plan_insert AFTER INSERT ON plan_state BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'plan';
END;
CREATE TRIGGER change_count_plan_update AFTER UPDATE ON plan_state BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'plan';
END;
CREATE TRIGGER change_count_plan_delete AFTER DELETE ON plan_state BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'plan';
END;

-- The rehearsal queue's due count and new stories read the schedules, the
-- rehearsals and the bank (titles, principles, the trash).
CREATE TRIGGER change_count_state_insert AFTER INSERT ON rehearsal_state BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'rehearsal';
END;
CREATE TRIGGER change_count_state_update AFTER UPDATE ON rehearsal_state BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'rehearsal';
END;
CREATE TRIGGER change_count_state_delete AFTER DELETE ON rehearsal_state BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'rehearsal';
END;
CREATE TRIGGER change_count_rehearsal_insert AFTER INSERT ON rehearsal BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'rehearsal';
END;
CREATE TRIGGER change_count_rehearsal_delete AFTER DELETE ON rehearsal BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'rehearsal';
END;
CREATE TRIGGER change_count_story_rehearsal AFTER UPDATE ON story BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'rehearsal';
END;
CREATE TRIGGER change_count_story_rehearsal_insert AFTER INSERT ON story BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'rehearsal';
END;
CREATE TRIGGER change_count_story_rehearsal_delete AFTER DELETE ON story BEGIN
    UPDATE change_count SET n = n + 1 WHERE area = 'rehearsal';
END;
