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
    return m
  }
}
