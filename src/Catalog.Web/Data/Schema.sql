CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "CatalogState" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CatalogState" PRIMARY KEY AUTOINCREMENT,
    "Version" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE TABLE "ImportRuns" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ImportRuns" PRIMARY KEY AUTOINCREMENT,
    "SourceName" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "StartedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "User" TEXT NULL,
    "ReportJson" TEXT NOT NULL,
    "DiffJson" TEXT NOT NULL,
    "Error" TEXT NULL
);

CREATE TABLE "Links" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Links" PRIMARY KEY AUTOINCREMENT,
    "Url" TEXT NOT NULL,
    "Host" TEXT NOT NULL,
    "Kind" TEXT NOT NULL
);

CREATE TABLE "SeedBlobs" (
    "Sha256" TEXT NOT NULL CONSTRAINT "PK_SeedBlobs" PRIMARY KEY,
    "Content" BLOB NOT NULL
);

CREATE TABLE "SlugRedirects" (
    "Slug" TEXT NOT NULL CONSTRAINT "PK_SlugRedirects" PRIMARY KEY,
    "TopicSlug" TEXT NULL,
    "Title" TEXT NOT NULL,
    "LinkUrls" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "Sources" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Sources" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "ImportedAt" TEXT NOT NULL
);

CREATE TABLE "Topics" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Topics" PRIMARY KEY AUTOINCREMENT,
    "SourceId" INTEGER NOT NULL,
    "Slug" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Level" INTEGER NOT NULL,
    "ParentId" INTEGER NULL,
    "Position" INTEGER NOT NULL,
    "IntroMarkdown" TEXT NOT NULL,
    "IntroHtml" TEXT NOT NULL,
    CONSTRAINT "FK_Topics_Sources_SourceId" FOREIGN KEY ("SourceId") REFERENCES "Sources" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Topics_Topics_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Topics" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Images" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Images" PRIMARY KEY AUTOINCREMENT,
    "TopicId" INTEGER NOT NULL,
    "Src" TEXT NOT NULL,
    "Alt" TEXT NULL,
    "Width" TEXT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_Images_Topics_TopicId" FOREIGN KEY ("TopicId") REFERENCES "Topics" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Mentions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Mentions" PRIMARY KEY AUTOINCREMENT,
    "TopicId" INTEGER NOT NULL,
    "LinkId" INTEGER NOT NULL,
    "Label" TEXT NOT NULL,
    "Context" TEXT NULL,
    "RawUrl" TEXT NOT NULL,
    "Place" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_Mentions_Links_LinkId" FOREIGN KEY ("LinkId") REFERENCES "Links" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Mentions_Topics_TopicId" FOREIGN KEY ("TopicId") REFERENCES "Topics" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Quotes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Quotes" PRIMARY KEY AUTOINCREMENT,
    "TopicId" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "Url" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_Quotes_Topics_TopicId" FOREIGN KEY ("TopicId") REFERENCES "Topics" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Images_TopicId_Position" ON "Images" ("TopicId", "Position");

CREATE INDEX "IX_ImportRuns_StartedAt" ON "ImportRuns" ("StartedAt");

CREATE INDEX "IX_Links_Host" ON "Links" ("Host");

CREATE INDEX "IX_Links_Kind" ON "Links" ("Kind");

CREATE UNIQUE INDEX "IX_Links_Url" ON "Links" ("Url");

CREATE INDEX "IX_Mentions_LinkId" ON "Mentions" ("LinkId");

CREATE INDEX "IX_Mentions_TopicId_Position" ON "Mentions" ("TopicId", "Position");

CREATE INDEX "IX_Quotes_TopicId_Position" ON "Quotes" ("TopicId", "Position");

CREATE UNIQUE INDEX "IX_Sources_Name" ON "Sources" ("Name");

CREATE INDEX "IX_Topics_ParentId" ON "Topics" ("ParentId");

CREATE UNIQUE INDEX "IX_Topics_Slug" ON "Topics" ("Slug");

CREATE INDEX "IX_Topics_SourceId_Position" ON "Topics" ("SourceId", "Position");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126173145_InitialCatalog', '10.0.15');

CREATE VIRTUAL TABLE search_index USING fts5(
    title, quote, body, urlwords,
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);

INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(10.0, 4.0, 3.0, 1.0)');

CREATE VIRTUAL TABLE search_words USING fts5(
    words,
    tokenize = 'unicode61 remove_diacritics 2',
    content = '', detail = none
);

CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_words, 'row');

CREATE INDEX IX_Mentions_LinkId_TopicId ON Mentions (LinkId, TopicId);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126173824_SearchByResult', '10.0.15');

DROP TABLE search_index;

CREATE VIRTUAL TABLE search_index USING fts5(
    title, quote, body, urlwords,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(10.0, 4.0, 3.0, 1.0)');

INSERT INTO search_words (search_words) VALUES ('delete-all');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126195710_SearchIndexWithoutPrefixIndexes', '10.0.15');

DROP INDEX "IX_Mentions_LinkId";

CREATE INDEX IF NOT EXISTS IX_Mentions_LinkId_TopicId ON Mentions (LinkId, TopicId);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126201349_MentionsIndexedOnceByLink', '10.0.15');

CREATE TABLE "LinkChecks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LinkChecks" PRIMARY KEY AUTOINCREMENT,
    "Url" TEXT NOT NULL,
    "CheckedAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "HttpStatus" INTEGER NULL,
    "FinalUrl" TEXT NULL,
    "Reason" TEXT NULL,
    "Inconclusive" INTEGER NOT NULL
);

CREATE TABLE "LinkHealth" (
    "Url" TEXT NOT NULL CONSTRAINT "PK_LinkHealth" PRIMARY KEY,
    "Status" TEXT NOT NULL,
    "CheckedAt" TEXT NOT NULL,
    "HttpStatus" INTEGER NULL,
    "FinalUrl" TEXT NULL,
    "FirstStrikeAt" TEXT NULL,
    "DeadSince" TEXT NULL,
    "ArchiveUrl" TEXT NULL,
    "ArchivedAt" TEXT NULL
);

CREATE INDEX "IX_LinkChecks_Url_CheckedAt" ON "LinkChecks" ("Url", "CheckedAt");

CREATE INDEX "IX_LinkHealth_DeadSince" ON "LinkHealth" ("DeadSince");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204033059_LinkHealth', '10.0.15');

CREATE TABLE "AdminSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AdminSessions" PRIMARY KEY,
    "SignedInAt" TEXT NOT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204033504_AdminSessions', '10.0.15');

CREATE TABLE "LinkMetadata" (
    "Url" TEXT NOT NULL CONSTRAINT "PK_LinkMetadata" PRIMARY KEY,
    "CanonicalId" TEXT NULL,
    "Source" TEXT NULL,
    "Kind" TEXT NULL,
    "Title" TEXT NULL,
    "Authors" TEXT NOT NULL,
    "Year" INTEGER NULL,
    "Published" TEXT NULL,
    "Venue" TEXT NULL,
    "Abstract" TEXT NULL,
    "Doi" TEXT NULL,
    "ArxivId" TEXT NULL,
    "PrimaryClass" TEXT NULL,
    "PdfUrl" TEXT NULL,
    "ContentType" TEXT NULL,
    "ContentLength" INTEGER NULL,
    "Stars" INTEGER NULL,
    "Language" TEXT NULL,
    "Archived" INTEGER NULL,
    "License" TEXT NULL,
    "PushedAt" TEXT NULL,
    "FieldSources" TEXT NOT NULL,
    "FetchedAt" TEXT NULL,
    "AttemptedAt" TEXT NOT NULL,
    "ETag" TEXT NULL,
    "LastModified" TEXT NULL
);

CREATE INDEX "IX_LinkMetadata_CanonicalId" ON "LinkMetadata" ("CanonicalId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204052050_LinkMetadata', '10.0.15');

CREATE TABLE "SearchEmbeddings" (
    "TextHash" BLOB NOT NULL CONSTRAINT "PK_SearchEmbeddings" PRIMARY KEY,
    "Vector" BLOB NOT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204052822_SearchEmbeddings', '10.0.15');

ALTER TABLE "LinkHealth" ADD "ArchiveCheckedAt" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204052939_LinkArchive', '10.0.15');

CREATE TABLE "LinkCheckState" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LinkCheckState" PRIMARY KEY,
    "Holder" TEXT NULL,
    "LeaseUntil" TEXT NULL,
    "StartedAt" TEXT NULL,
    "Done" INTEGER NOT NULL,
    "Total" INTEGER NOT NULL,
    "LastFinishedAt" TEXT NULL,
    "LastSummaryJson" TEXT NULL
);

INSERT INTO "LinkCheckState" ("Id", "Done", "Holder", "LastFinishedAt", "LastSummaryJson", "LeaseUntil", "StartedAt", "Total")
VALUES (1, 0, NULL, NULL, NULL, NULL, NULL, 0);
SELECT changes();


INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204053809_LinkCheckState', '10.0.15');

CREATE TABLE "FigureBlobs" (
    "Sha256" TEXT NOT NULL CONSTRAINT "PK_FigureBlobs" PRIMARY KEY,
    "ContentType" TEXT NOT NULL,
    "Content" BLOB NOT NULL
);

CREATE TABLE "StoredFigures" (
    "Src" TEXT NOT NULL CONSTRAINT "PK_StoredFigures" PRIMARY KEY,
    "Sha256" TEXT NOT NULL,
    "FetchedAt" TEXT NOT NULL
);

CREATE INDEX "IX_StoredFigures_Sha256" ON "StoredFigures" ("Sha256");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204060200_StoredFigures', '10.0.15');

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204082321_DataProtectionKeys', '10.0.15');

CREATE TABLE "Leases" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_Leases" PRIMARY KEY,
    "Holder" TEXT NULL,
    "LeaseUntil" TEXT NULL
);

CREATE TABLE "SignInFailures" (
    "Account" TEXT NOT NULL CONSTRAINT "PK_SignInFailures" PRIMARY KEY,
    "Failures" INTEGER NOT NULL,
    "LastFailedAt" TEXT NOT NULL,
    "ClosedUntil" TEXT NULL
);

CREATE TABLE "ef_temp_LinkCheckState" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LinkCheckState" PRIMARY KEY,
    "Done" INTEGER NOT NULL,
    "LastFinishedAt" TEXT NULL,
    "LastSummaryJson" TEXT NULL,
    "StartedAt" TEXT NULL,
    "Total" INTEGER NOT NULL
);

INSERT INTO "ef_temp_LinkCheckState" ("Id", "Done", "LastFinishedAt", "LastSummaryJson", "StartedAt", "Total")
SELECT "Id", "Done", "LastFinishedAt", "LastSummaryJson", "StartedAt", "Total"
FROM "LinkCheckState";

PRAGMA foreign_keys = 0;

DROP TABLE "LinkCheckState";

ALTER TABLE "ef_temp_LinkCheckState" RENAME TO "LinkCheckState";

PRAGMA foreign_keys = 1;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204110658_InstanceLeasesAndSignInFailures', '10.0.15');

CREATE TABLE "PendingImports" (
    "Token" TEXT NOT NULL CONSTRAINT "PK_PendingImports" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Content" BLOB NOT NULL,
    "Size" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "User" TEXT NULL
);

CREATE INDEX "IX_PendingImports_CreatedAt" ON "PendingImports" ("CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204121656_PendingImports', '10.0.15');

