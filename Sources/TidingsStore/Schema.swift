import GRDB
import TidingsCore

/// The database schema, as numbered migrations applied at open. The database's version is its
/// `PRAGMA user_version`; a migration, once released, is never edited: a change is a new migration.
enum Schema {
    struct Migration: Sendable {
        var version: Int
        var name: String
        var apply: @Sendable (Database) throws -> Void
    }

    static var latestVersion: Int { migrations.count }

    /// Brings the database up to `version` (default: the latest). Each migration runs in its own
    /// BEGIN IMMEDIATE transaction that also sets user_version, and reads the version again once it
    /// holds the write lock: two processes opening one new database at once (the daemon starting
    /// while the CLI adds a feed) apply each migration exactly once, and a crash mid-migration
    /// leaves the previous version whole.
    static func migrate(_ writer: some DatabaseWriter, upTo version: Int = latestVersion) throws {
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try adoptGRDBMigrations(db)
                let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if current > latestVersion {
                    throw StoreError(
                        .cannotOpen,
                        "the database was made by a newer Tidings (schema version \(current); this one knows up to \(latestVersion))")
                }
                return .commit
            }
            for migration in migrations where migration.version <= version {
                try db.inTransaction(.immediate) {
                    let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                    guard current < migration.version else { return .commit }
                    try migration.apply(db)
                    try db.execute(sql: "PRAGMA user_version = \(migration.version)")
                    return .commit
                }
            }
        }
    }

    /// Databases made before the switch to user_version recorded their migrations in GRDB's table
    /// (named "v1", "v2: …", "v3: …", in order): carry the count over, once.
    private static func adoptGRDBMigrations(_ db: Database) throws {
        guard try db.tableExists("grdb_migrations"), (try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0) == 0 else { return }
        let applied = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") ?? 0
        try db.execute(sql: "PRAGMA user_version = \(applied)")
        try db.execute(sql: "DROP TABLE grdb_migrations")
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "feeds, articles, sources, consumers, tombstones") { db in
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
        },
        Migration(version: 2, name: "near-duplicate index") { db in
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
                try NearDuplicates.index(seq: row["seq"], keys: fingerprint.keys, in: db, into: .archive)
            }
        },
        Migration(version: 3, name: "full-text search") { db in
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
        },
        Migration(version: 4, name: "full-text rows written once per ingest") { db in
            // SQLite 3.40's FTS5 writes its pending terms to disk at every statement savepoint, and
            // with the insert trigger each article's INSERT opened one: a segment per article, a
            // fifth of ingestion's time. `FeedStore.ingest` now indexes its new rows in one
            // statement at the end of its transaction; updates and deletes keep their triggers.
            try db.execute(sql: "DROP TRIGGER articles_fts_insert")
        },
        Migration(version: 5, name: "near-duplicate index without a second index") { db in
            // Each key row cost three B-tree operations: its own insert, the article_seq index, and
            // the foreign key's look-up of its article. The store now drops an article's keys itself,
            // recomputed from its text (`NearDuplicates.unindex`), so the rows need neither; a row
            // left behind is harmless (a candidate whose article is gone is skipped).
            try db.execute(
                sql: """
                    CREATE TABLE article_fingerprints_v5 (
                        key INTEGER NOT NULL,
                        article_seq INTEGER NOT NULL,
                        PRIMARY KEY (key, article_seq)
                    ) WITHOUT ROWID;
                    INSERT INTO article_fingerprints_v5 (key, article_seq) SELECT key, article_seq FROM article_fingerprints;
                    DROP TABLE article_fingerprints;
                    ALTER TABLE article_fingerprints_v5 RENAME TO article_fingerprints;
                    """)
        },
        Migration(version: 6, name: "change sequence") { db in
            // Consumer cursors count in a change sequence: a new article takes the next number, and
            // so does an article edited in place, so that `dump --new --updated` can hand edits out
            // again. The counter is a row of its own, not MAX(): a purge or a removed feed must never
            // let a number be handed out twice. Existing articles keep their sequence number as
            // their change, so existing cursors stay valid.
            try db.execute(
                sql: """
                    ALTER TABLE articles ADD COLUMN first_change INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE articles ADD COLUMN last_change INTEGER NOT NULL DEFAULT 0;
                    UPDATE articles SET first_change = seq, last_change = seq;
                    CREATE INDEX articles_last_change ON articles(last_change);
                    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
                    INSERT INTO counters (name, value)
                        VALUES ('change', COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0));
                    """)
        },
        Migration(version: 7, name: "feed lifecycle (gone, permanent redirects, worked-out interval), daemon state") { db in
            try db.execute(
                sql: """
                    ALTER TABLE feeds ADD COLUMN gone_at REAL;
                    ALTER TABLE feeds ADD COLUMN redirect_target TEXT;
                    ALTER TABLE feeds ADD COLUMN redirect_polls INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE feeds ADD COLUMN scheduled_interval INTEGER;
                    CREATE INDEX feeds_next_poll ON feeds(next_poll_at) WHERE gone_at IS NULL;
                    -- What the running daemon last said about itself, for `tidings status`.
                    CREATE TABLE daemon_state (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        pid INTEGER NOT NULL,
                        started_at REAL NOT NULL,
                        heartbeat_at REAL NOT NULL,
                        last_round_at REAL,
                        last_round TEXT,
                        stopped_at REAL
                    );
                    """)
        },
        Migration(version: 8, name: "source hash") { db in
            // The hash of the entry an article was cleaned from: an entry listed again unchanged is
            // neither cleaned nor stored again. Empty for older rows (they are cleaned once more).
            try db.execute(sql: "ALTER TABLE articles ADD COLUMN source_hash TEXT")
        },
        Migration(version: 9, name: "near-duplicate keys from 8 bands of 3 rows") { db in
            // Half the keys per article (see `TextFingerprint.bands`): the old keys are dropped and
            // every kept article is indexed again.
            try db.execute(sql: "DELETE FROM article_fingerprints")
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, content_text FROM articles WHERE duplicate_of IS NULL")
            while let row = try rows.next() {
                guard let fingerprint = TextFingerprint(text: row["content_text"]) else { continue }
                try NearDuplicates.index(seq: row["seq"], keys: fingerprint.keys, in: db, into: .archive)
            }
        },
        Migration(version: 10, name: "full-text feeds") { db in
            // Feeds whose entries carry only a teaser: the article is extracted from the linked page.
            try db.execute(sql: "ALTER TABLE feeds ADD COLUMN full_text INTEGER NOT NULL DEFAULT 0")
        },
        Migration(version: 11, name: "entries listed again, answered from an index") { db in
            // `unchangedEntryKeys` compares each listed entry's source hash with the stored one. The
            // hash is the row's last column, after the article's text and HTML: reading it walked
            // every row's overflow pages (a warm round of 10,000 feeds read hundreds of megabytes).
            // With the hash in an index beside the entry key, the comparison never reads a row.
            try db.execute(sql: "CREATE INDEX articles_listed ON articles(feed_id, entry_key, source_hash)")
        },
        Migration(version: 12, name: "recent near-duplicate keys") { db in
            // New articles' keys gather in a small table that is merged into the archive's in key
            // order (`NearDuplicates`); the keys already stored stay where they are.
            try db.execute(
                sql: """
                    CREATE TABLE article_fingerprints_recent (
                        key INTEGER NOT NULL,
                        article_seq INTEGER NOT NULL,
                        PRIMARY KEY (key, article_seq)
                    ) WITHOUT ROWID;
                    INSERT INTO counters (name, value) VALUES ('recent_fingerprints', 0);
                    """)
        },
        Migration(version: 13, name: "articles by fetch time") { db in
            // `tidings status` counts the articles kept since midnight: without this index that was
            // a scan of the whole archive (0.42 s at 400,000 articles, and growing with it). Kept
            // articles are stored in time order, so the index grows at its right edge.
            try db.execute(sql: "CREATE INDEX articles_fetched ON articles(fetched) WHERE duplicate_of IS NULL")
        },
        Migration(version: 14, name: "listed entries") { db in
            // The markup hash and date of each entry of a feed's last document (`ListedEntriesColumn`):
            // the next document's entries listed again byte for byte are not even read. Empty for
            // feeds polled before (their next document is read whole, as before).
            try db.execute(sql: "ALTER TABLE feeds ADD COLUMN listed_entries BLOB")
        },
    ]
}
