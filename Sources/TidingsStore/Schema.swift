import GRDB
import TidingsCore

/// The database schema, as numbered migrations applied at open. A migration, once released, is
/// never edited: a change is a new migration.
enum Schema {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE feeds (
                        id INTEGER PRIMARY KEY,
                        url TEXT NOT NULL UNIQUE,
                        original_url TEXT NOT NULL,
                        title TEXT,
                        site_url TEXT,
                        etag TEXT,
                        last_modified TEXT,
                        body_hash TEXT,
                        last_fetched_at REAL,
                        last_status INTEGER,
                        consecutive_errors INTEGER NOT NULL DEFAULT 0,
                        last_error TEXT,
                        next_poll_at REAL,
                        interval_seconds INTEGER,
                        added_at REAL NOT NULL
                    );
                    -- seq is the monotonic ingestion sequence that consumer cursors count in:
                    -- AUTOINCREMENT so that a deleted newest row's number is never handed out again.
                    CREATE TABLE articles (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
                        entry_key TEXT NOT NULL,
                        guid TEXT,
                        url TEXT,
                        canonical_url TEXT,
                        title TEXT,
                        author TEXT,
                        published REAL,
                        updated REAL,
                        fetched REAL NOT NULL,
                        summary TEXT,
                        content_text TEXT NOT NULL,
                        content_html TEXT,
                        categories TEXT NOT NULL DEFAULT '[]',
                        enclosures TEXT NOT NULL DEFAULT '[]',
                        content_hash TEXT NOT NULL,
                        duplicate_of INTEGER REFERENCES articles(seq) ON DELETE SET NULL,
                        UNIQUE (feed_id, entry_key)
                    );
                    CREATE INDEX articles_canonical_url ON articles(canonical_url) WHERE canonical_url IS NOT NULL;
                    CREATE INDEX articles_content_hash ON articles(content_hash);
                    CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
                    -- Every feed an article arrived from, the first included.
                    CREATE TABLE article_sources (
                        article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
                        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
                        first_seen REAL NOT NULL,
                        PRIMARY KEY (article_seq, feed_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE consumers (
                        name TEXT PRIMARY KEY,
                        cursor INTEGER NOT NULL DEFAULT 0,
                        updated_at REAL NOT NULL
                    );
                    -- Entries purged or removed on purpose, so that a later poll does not bring them back.
                    CREATE TABLE tombstones (
                        feed_url TEXT NOT NULL,
                        entry_key TEXT NOT NULL,
                        removed_at REAL NOT NULL,
                        PRIMARY KEY (feed_url, entry_key)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2: near-duplicate index") { db in
            // One row per LSH band and paragraph lead of each kept (non-duplicate) article: a new
            // article's candidates are a few indexed lookups, never a scan of the archive.
            try db.execute(
                sql: """
                    CREATE TABLE article_fingerprints (
                        key INTEGER NOT NULL,
                        article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
                        PRIMARY KEY (key, article_seq)
                    ) WITHOUT ROWID;
                    CREATE INDEX article_fingerprints_article ON article_fingerprints(article_seq);
                    """)
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, content_text FROM articles WHERE duplicate_of IS NULL")
            while let row = try rows.next() {
                let text: String = row["content_text"]
                guard let fingerprint = TextFingerprint(text: text) else { continue }
                try NearDuplicates.index(seq: row["seq"], fingerprint, in: db)
            }
        }
        migrator.registerMigration("v3: full-text search") { db in
            // FTS5 over titles and texts, kept in step by triggers; Debian's SQLite has FTS5.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE articles_fts USING fts5(
                        title, content_text, content='articles', content_rowid='seq', tokenize='porter unicode61');
                    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
                        INSERT INTO articles_fts(rowid, title, content_text) VALUES (new.seq, new.title, new.content_text);
                    END;
                    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
                        INSERT INTO articles_fts(articles_fts, rowid, title, content_text)
                            VALUES ('delete', old.seq, old.title, old.content_text);
                    END;
                    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, content_text ON articles BEGIN
                        INSERT INTO articles_fts(articles_fts, rowid, title, content_text)
                            VALUES ('delete', old.seq, old.title, old.content_text);
                        INSERT INTO articles_fts(rowid, title, content_text) VALUES (new.seq, new.title, new.content_text);
                    END;
                    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
                    """)
        }
        return migrator
    }
}
