-- Salons that existed before migration 0013 get a country, currency and locale derived ONCE from
-- their time zone, the way prices were guessed until now (so no shown price changes currency).
-- From here on these are the owner's settings; nothing derives them from the zone again.
-- Zones not listed keep the column defaults' country and locale (GB, en-GB); the owner corrects them.
UPDATE "salons" SET
  "country" = CASE
    WHEN "time_zone" = 'Europe/London' THEN 'GB'
    WHEN "time_zone" = 'Europe/Dublin' THEN 'IE'
    WHEN "time_zone" = 'Europe/Paris' THEN 'FR'
    WHEN "time_zone" = 'Europe/Berlin' THEN 'DE'
    WHEN "time_zone" = 'Europe/Madrid' THEN 'ES'
    WHEN "time_zone" = 'Europe/Rome' THEN 'IT'
    WHEN "time_zone" = 'Europe/Amsterdam' THEN 'NL'
    WHEN "time_zone" IN ('America/Toronto', 'America/Vancouver') THEN 'CA'
    WHEN "time_zone" LIKE 'America/%' THEN 'US'
    WHEN "time_zone" LIKE 'Australia/%' THEN 'AU'
    ELSE "country"
  END,
  "currency" = CASE
    WHEN "time_zone" = 'Europe/London' THEN 'GBP'
    WHEN "time_zone" LIKE 'Europe/%' THEN 'EUR'
    WHEN "time_zone" IN ('America/Toronto', 'America/Vancouver') THEN 'CAD'
    WHEN "time_zone" LIKE 'Australia/%' THEN 'AUD'
    ELSE 'USD'
  END,
  "locale" = CASE
    WHEN "time_zone" = 'Europe/London' THEN 'en-GB'
    WHEN "time_zone" = 'Europe/Dublin' THEN 'en-IE'
    WHEN "time_zone" = 'Europe/Paris' THEN 'fr-FR'
    WHEN "time_zone" = 'Europe/Berlin' THEN 'de-DE'
    WHEN "time_zone" = 'Europe/Madrid' THEN 'es-ES'
    WHEN "time_zone" = 'Europe/Rome' THEN 'it-IT'
    WHEN "time_zone" = 'Europe/Amsterdam' THEN 'nl-NL'
    WHEN "time_zone" IN ('America/Toronto', 'America/Vancouver') THEN 'en-CA'
    WHEN "time_zone" LIKE 'America/%' THEN 'en-US'
    WHEN "time_zone" LIKE 'Australia/%' THEN 'en-AU'
    ELSE "locale"
  END;
