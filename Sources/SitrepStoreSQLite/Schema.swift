import GRDB

/// The database schema, as versioned migrations. Never edit a shipped
/// migration: add a new one.
enum Schema {
  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("v1-articles") { db in
      try db.execute(
        sql: """
          CREATE TABLE article (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE CHECK (length(id) > 0),
            text TEXT NOT NULL,
            title TEXT,
            url TEXT,
            outlet TEXT,
            published TEXT,
            content_hash TEXT NOT NULL,
            origin TEXT NOT NULL,
            minhash BLOB,
            char_count INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
          );
          CREATE INDEX article_published ON article(published);

          -- page furniture spans; offsets are UTF-8 bytes into article.text
          CREATE TABLE furniture (
            article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE ON UPDATE CASCADE,
            start INTEGER NOT NULL CHECK (start >= 0),
            end INTEGER NOT NULL CHECK (end >= start),
            kind TEXT NOT NULL,
            rule TEXT NOT NULL
          );
          CREATE INDEX furniture_article ON furniture(article_id);

          -- near-duplicate links: article_id is a copy of original_id
          CREATE TABLE duplicate (
            article_id TEXT NOT NULL PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE ON UPDATE CASCADE,
            original_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE ON UPDATE CASCADE,
            similarity REAL NOT NULL,
            method TEXT NOT NULL,
            CHECK (article_id <> original_id)
          );
          CREATE INDEX duplicate_original ON duplicate(original_id);

          -- locality-sensitive hashing buckets of the MinHash signatures
          CREATE TABLE article_lsh (
            band INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE ON UPDATE CASCADE
          );
          CREATE INDEX article_lsh_bucket ON article_lsh(band, bucket);
          CREATE INDEX article_lsh_article ON article_lsh(article_id);

          CREATE VIRTUAL TABLE article_fts USING fts5(
            title, text, content='article', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
          );
          CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN
            INSERT INTO article_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
          END;
          CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN
            INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
          END;
          CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text ON article BEGIN
            INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO article_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
          END;

          CREATE TABLE ingest_run (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            inputs TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed')),
            files INTEGER NOT NULL DEFAULT 0,
            articles_read INTEGER NOT NULL DEFAULT 0,
            new INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            replaced INTEGER NOT NULL DEFAULT 0,
            near_duplicates INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            warnings INTEGER NOT NULL DEFAULT 0,
            seconds REAL,
            error TEXT
          );
          CREATE TABLE ingest_issue (
            run_id INTEGER NOT NULL REFERENCES ingest_run(id) ON DELETE CASCADE,
            severity TEXT NOT NULL CHECK (severity IN ('skipped', 'warning')),
            location TEXT,
            code TEXT,
            message TEXT NOT NULL
          );
          CREATE INDEX ingest_issue_run ON ingest_issue(run_id);
          """)
    }
    m.registerMigration("v2-events") { db in
      try db.execute(
        sql: """
          -- which articles have been through extraction, with which content and extractor
          CREATE TABLE article_extraction (
            article_id TEXT NOT NULL PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE ON UPDATE CASCADE,
            content_hash TEXT NOT NULL,
            extractor TEXT NOT NULL,
            extracted_at TEXT NOT NULL,
            events INTEGER NOT NULL,
            rejected INTEGER NOT NULL
          );
          CREATE TABLE event (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            date TEXT NOT NULL,
            date_precision TEXT NOT NULL CHECK (date_precision IN ('day', 'month', 'year')),
            location_name TEXT NOT NULL,
            country TEXT,
            admin1 TEXT,
            lat REAL,
            lon REAL,
            geo_precision TEXT NOT NULL
              CHECK (geo_precision IN ('site', 'locality', 'district', 'admin1', 'country', 'region')),
            place_id TEXT,
            actor1 TEXT,
            actor1_id TEXT,
            actor2 TEXT,
            actor2_id TEXT,
            weapons TEXT NOT NULL DEFAULT '[]',
            fatalities INTEGER CHECK (fatalities IS NULL OR fatalities >= 0),
            injuries INTEGER CHECK (injuries IS NULL OR injuries >= 0),
            certainty TEXT NOT NULL CHECK (certainty IN ('confirmed', 'reported', 'alleged', 'claimed', 'disputed')),
            background INTEGER NOT NULL CHECK (background IN (0, 1)),
            summary TEXT NOT NULL,
            created_at TEXT NOT NULL
          );
          CREATE INDEX event_date ON event(date);
          CREATE INDEX event_country ON event(country);
          -- one row per source sentence; offsets are UTF-8 bytes into article.text
          CREATE TABLE event_source (
            event_seq INTEGER NOT NULL REFERENCES event(seq) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE ON UPDATE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL CHECK (end >= start),
            reported_by TEXT
          );
          CREATE INDEX event_source_event ON event_source(event_seq);
          CREATE INDEX event_source_article ON event_source(article_id);
          -- the words behind each field, and the rule that used them
          CREATE TABLE evidence (
            event_seq INTEGER NOT NULL REFERENCES event(seq) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE ON UPDATE CASCADE,
            field TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL CHECK (end >= start),
            rule TEXT NOT NULL
          );
          CREATE INDEX evidence_event ON evidence(event_seq);
          CREATE TABLE casualty_claim (
            event_seq INTEGER NOT NULL REFERENCES event(seq) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE ON UPDATE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('fatalities', 'injuries')),
            count INTEGER NOT NULL CHECK (count >= 0),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            rule TEXT NOT NULL
          );
          CREATE INDEX casualty_claim_event ON casualty_claim(event_seq);
          -- what extraction rejected, and why
          CREATE TABLE extraction_diagnostic (
            article_id TEXT NOT NULL REFERENCES article(id) ON DELETE CASCADE ON UPDATE CASCADE,
            rule TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            message TEXT NOT NULL
          );
          CREATE INDEX extraction_diagnostic_article ON extraction_diagnostic(article_id);
          """)
    }
    m.registerMigration("v3-gazetteer") { db in
      try db.execute(
        sql: """
          -- places a user imported (GeoNames dumps), added to the bundled gazetteer
          CREATE TABLE gazetteer_place (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            precision TEXT NOT NULL
              CHECK (precision IN ('site', 'locality', 'district', 'admin1', 'country', 'region')),
            country TEXT NOT NULL,
            admin1 TEXT NOT NULL DEFAULT '',
            lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
            lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
            population INTEGER NOT NULL DEFAULT 0,
            source TEXT NOT NULL,
            imported_at TEXT NOT NULL
          );
          CREATE INDEX gazetteer_place_country ON gazetteer_place(country);
          """)
    }
    m.registerMigration("v4-incidents") { db in
      // Events become incidents made of per-article reports. Older per-article events carry no day
      // bounds, so they are dropped and re-extracted on the next ingest or `sitrep extract`.
      try db.execute(
        sql: """
          DELETE FROM event;
          DELETE FROM article_extraction;
          ALTER TABLE event ADD COLUMN day_lo INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE event ADD COLUMN day_hi INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE event ADD COLUMN actor1_side TEXT;
          ALTER TABLE event ADD COLUMN actor2_side TEXT;
          ALTER TABLE event ADD COLUMN sentence_start INTEGER NOT NULL DEFAULT 0;
          CREATE INDEX event_days ON event(day_lo, day_hi);
          -- one incident per real-world event; its id never changes as sources are added
          CREATE TABLE incident (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL
          );
          CREATE TABLE incident_member (
            event_seq INTEGER NOT NULL PRIMARY KEY REFERENCES event(seq) ON DELETE CASCADE,
            incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE
          );
          CREATE INDEX incident_member_incident ON incident_member(incident_id);
          """)
    }
    m.registerMigration("v5-incident-query") { db in
      // The merged fields of each incident, kept beside it so queries never re-merge reports;
      // `summarized = 0` marks rows to (re)compute (SQLiteStore.refreshIncidentSummaries).
      try db.execute(
        sql: """
          ALTER TABLE incident ADD COLUMN summarized INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE incident ADD COLUMN event_type TEXT;
          ALTER TABLE incident ADD COLUMN sub_event_type TEXT;
          ALTER TABLE incident ADD COLUMN date TEXT;
          ALTER TABLE incident ADD COLUMN date_precision TEXT;
          ALTER TABLE incident ADD COLUMN day_lo INTEGER;
          ALTER TABLE incident ADD COLUMN day_hi INTEGER;
          ALTER TABLE incident ADD COLUMN location_name TEXT;
          ALTER TABLE incident ADD COLUMN country TEXT;
          ALTER TABLE incident ADD COLUMN admin1 TEXT;
          ALTER TABLE incident ADD COLUMN lat REAL;
          ALTER TABLE incident ADD COLUMN lon REAL;
          ALTER TABLE incident ADD COLUMN geo_precision TEXT;
          ALTER TABLE incident ADD COLUMN actor1 TEXT;
          ALTER TABLE incident ADD COLUMN actor1_id TEXT;
          ALTER TABLE incident ADD COLUMN actor2 TEXT;
          ALTER TABLE incident ADD COLUMN actor2_id TEXT;
          ALTER TABLE incident ADD COLUMN weapons TEXT;
          ALTER TABLE incident ADD COLUMN fatalities INTEGER;
          ALTER TABLE incident ADD COLUMN injuries INTEGER;
          ALTER TABLE incident ADD COLUMN certainty TEXT;
          ALTER TABLE incident ADD COLUMN background INTEGER;
          ALTER TABLE incident ADD COLUMN source_count INTEGER;
          ALTER TABLE incident ADD COLUMN contradictions TEXT;
          ALTER TABLE incident ADD COLUMN summary TEXT;
          CREATE INDEX incident_days ON incident(day_lo, day_hi);
          CREATE INDEX incident_country ON incident(country, day_lo);
          CREATE INDEX incident_type ON incident(event_type, sub_event_type);
          CREATE INDEX incident_actor1 ON incident(actor1_id);
          CREATE INDEX incident_actor2 ON incident(actor2_id);
          CREATE INDEX incident_fatalities ON incident(fatalities);
          CREATE INDEX incident_unsummarized ON incident(summarized) WHERE summarized = 0;
          CREATE TABLE incident_weapon (
            incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
            weapon TEXT NOT NULL,
            PRIMARY KEY (weapon, incident_id)
          ) WITHOUT ROWID;
          -- where incidents are: a point box per located incident (SQLite R*Tree)
          CREATE VIRTUAL TABLE incident_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
          -- the words of every source sentence, summary, place and actors of an incident
          CREATE VIRTUAL TABLE incident_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
          -- an analyst's decisions that resolution must respect: two reports (article@sentence/date) are,
          -- or are not, the same incident
          CREATE TABLE resolution_link (
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('same', 'different')),
            created_at TEXT NOT NULL,
            PRIMARY KEY (a, b),
            CHECK (a < b)
          ) WITHOUT ROWID;
          CREATE INDEX resolution_link_b ON resolution_link(b);
          -- every analyst action: who, when, what it was before and after
          CREATE TABLE review_action (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            action TEXT NOT NULL,
            event_id TEXT NOT NULL,
            before TEXT,
            after TEXT,
            note TEXT
          );
          CREATE INDEX review_action_event ON review_action(event_id);
          """)
    }
    m.registerMigration("v6-basemap") { db in
      try db.execute(
        sql: """
          -- the country outlines reports draw (one base map; a new import replaces it)
          CREATE TABLE basemap (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            source TEXT NOT NULL,
            countries INTEGER NOT NULL,
            data BLOB NOT NULL,
            imported_at TEXT NOT NULL
          );
          """)
    }
    m.registerMigration("v7-review") { db in
      try db.execute(
        sql: """
          -- an analyst's verdict and field values; they belong to the incident (whose id is stable) and
          -- win over extraction, which never writes these columns
          ALTER TABLE incident ADD COLUMN review_status TEXT CHECK (review_status IN ('confirmed', 'rejected'));
          ALTER TABLE incident ADD COLUMN overrides TEXT;
          """)
    }
    m.registerMigration("v8-row-json") { db in
      // each incident's listing row as JSON, written when the incident changes, so listings
      // (the API's /api/events) copy text instead of decoding and encoding rows per request
      try db.execute(
        sql: """
          ALTER TABLE incident ADD COLUMN row_json TEXT;
          UPDATE incident SET summarized = 0;
          """)
    }
    return m
  }
}
