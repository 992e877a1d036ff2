-- Prohibited language fails a quality review whatever else scored (ADR 021): reviews saved before
-- this rule with "No prohibited language" unticked scored up to 80; they score 0 now, like new ones.
UPDATE "contact_reviews" SET "score" = 0 WHERE NOT "no_prohibited_language" AND "score" <> 0;
