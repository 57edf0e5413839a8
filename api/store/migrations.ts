/**
 * Schema migrations, applied in order at start; `PRAGMA user_version` records how
 * many have run. Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: "001-calls-lots-waves-circles-tokens",
    sql: `
      CREATE TABLE calls (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        start TEXT NOT NULL,
        end_date TEXT NOT NULL,
        description TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE organisations (
        call_id TEXT NOT NULL REFERENCES calls(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        initials TEXT,
        sector TEXT,
        size TEXT CHECK (size IN ('small', 'large')),
        kind TEXT NOT NULL CHECK (kind IN ('sector-fund', 'external')),
        position INTEGER NOT NULL,
        PRIMARY KEY (call_id, id)
      );
      -- Lot and wave ids are unique across the service, so that /api/lots/:lotId needs no call.
      CREATE TABLE lots (
        id TEXT PRIMARY KEY,
        call_id TEXT NOT NULL REFERENCES calls(id),
        number INTEGER NOT NULL,
        name TEXT NOT NULL,
        joint_committees TEXT,
        position INTEGER NOT NULL
      );
      CREATE INDEX lots_by_call ON lots(call_id, position);
      -- An organisation sits in at most one lot of a call.
      CREATE TABLE memberships (
        call_id TEXT NOT NULL,
        organisation_id TEXT NOT NULL,
        lot_id TEXT NOT NULL REFERENCES lots(id),
        role TEXT NOT NULL CHECK (role IN ('coordinator', 'partner')),
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        position INTEGER NOT NULL,
        PRIMARY KEY (call_id, organisation_id),
        FOREIGN KEY (call_id, organisation_id) REFERENCES organisations(call_id, id)
      );
      CREATE UNIQUE INDEX one_coordinator_per_lot ON memberships(lot_id) WHERE role = 'coordinator';
      CREATE INDEX memberships_by_lot ON memberships(lot_id, position);
      -- state: NULL follows the opens/closes dates; 'open' or 'closed' is an administrator's decision.
      CREATE TABLE waves (
        id TEXT PRIMARY KEY,
        call_id TEXT NOT NULL REFERENCES calls(id),
        name TEXT NOT NULL,
        opens TEXT NOT NULL,
        closes TEXT NOT NULL,
        state TEXT CHECK (state IN ('open', 'closed')),
        position INTEGER NOT NULL
      );
      CREATE INDEX waves_by_call ON waves(call_id, position);
      -- Every save of a circle is a new version; nothing is overwritten.
      CREATE TABLE circle_versions (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL,
        wave_id TEXT NOT NULL REFERENCES waves(id),
        lot_id TEXT NOT NULL REFERENCES lots(id),
        respondent_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        submitted_at TEXT,
        saved_at TEXT NOT NULL,
        entered_by TEXT,
        UNIQUE (wave_id, respondent_id, version),
        FOREIGN KEY (call_id, respondent_id) REFERENCES organisations(call_id, id)
      );
      CREATE INDEX circle_versions_by_lot ON circle_versions(lot_id, wave_id);
      CREATE TABLE ties (
        version_id INTEGER NOT NULL REFERENCES circle_versions(id),
        partner_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        form TEXT NOT NULL CHECK (form IN ('information', 'support', 'cocreation')),
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
        PRIMARY KEY (version_id, partner_id, form)
      );
      -- Only the SHA-256 of a token is kept.
      CREATE TABLE tokens (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'evaluator', 'respondent')),
        name TEXT,
        call_id TEXT,
        wave_id TEXT REFERENCES waves(id),
        lot_id TEXT REFERENCES lots(id),
        organisation_id TEXT,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE INDEX invitations_by_wave ON tokens(wave_id, organisation_id) WHERE role = 'respondent';
    `,
  },
  {
    name: "002-proposals-and-invitation-emails",
    sql: `
      -- Composition proposals that DWSE staff save, reopen, rename and delete.
      CREATE TABLE proposals (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- The consultant's e-mail for the mail merge of invitation links, when an admin enters it.
      ALTER TABLE tokens ADD COLUMN email TEXT;
    `,
  },
  {
    name: "003-wave-closed-on",
    sql: `
      -- The day an administrator closed a wave that was open; NULL when it closed (or will close) by its dates.
      ALTER TABLE waves ADD COLUMN closed_on TEXT;
    `,
  },
  {
    name: "004-wave-questions-and-next-partners",
    sql: `
      -- The questions a wave adds to the circle, as the call document gives them (JSON); NULL asks nothing.
      ALTER TABLE waves ADD COLUMN asks TEXT;
      -- A version's answer to "with whom next time, and rather not with whom" (JSON); NULL when not answered.
      ALTER TABLE circle_versions ADD COLUMN next_partners TEXT;
    `,
  },
  {
    name: "005-mail-outbox-reminders-languages",
    sql: `
      -- Every message the service sends: a durable queue when an SMTP server is set, the
      -- outbox otherwise. A link is never stored: the body holds a slot that the named
      -- link maker fills at the moment of sending.
      CREATE TABLE mail_messages (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        text TEXT NOT NULL,
        html TEXT,
        link_maker TEXT,
        link_ref TEXT,
        -- A message that must exist once only (a report-ready note per wave and organisation).
        once_key TEXT UNIQUE,
        call_id TEXT,
        wave_id TEXT,
        organisation_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'outbox')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT
      );
      CREATE INDEX mail_due ON mail_messages(next_attempt_at) WHERE status = 'queued';
      CREATE INDEX mail_by_wave ON mail_messages(wave_id, organisation_id);
      -- A link in a message is a token of its own, bound to its invitation (parent) and message.
      ALTER TABLE tokens ADD COLUMN parent_id INTEGER REFERENCES tokens(id);
      ALTER TABLE tokens ADD COLUMN mail_id INTEGER REFERENCES mail_messages(id);
      CREATE INDEX tokens_by_parent ON tokens(parent_id) WHERE parent_id IS NOT NULL;
      CREATE INDEX tokens_by_mail ON tokens(mail_id) WHERE mail_id IS NOT NULL;
      -- The first time an invitation's circle page was opened.
      ALTER TABLE tokens ADD COLUMN opened_at TEXT;
      -- The language an organisation's messages are written in; NULL is Dutch.
      ALTER TABLE organisations ADD COLUMN language TEXT CHECK (language IN ('nl', 'en', 'fr', 'de'));
      -- An administrator's wording of a message for one call, kind and language.
      CREATE TABLE mail_templates (
        call_id TEXT NOT NULL REFERENCES calls(id),
        kind TEXT NOT NULL,
        language TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (call_id, kind, language)
      );
      -- A wave's reminders: days before closing (JSON array; [] is off) at a local time.
      CREATE TABLE reminder_schedules (
        wave_id TEXT PRIMARY KEY REFERENCES waves(id),
        days TEXT NOT NULL,
        at_time TEXT NOT NULL
      );
      -- A reminder goes to an organisation once: the primary key is the proof.
      CREATE TABLE reminders_sent (
        wave_id TEXT NOT NULL REFERENCES waves(id),
        days_before INTEGER NOT NULL,
        organisation_id TEXT NOT NULL,
        mail_id INTEGER NOT NULL REFERENCES mail_messages(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (wave_id, days_before, organisation_id)
      );
    `,
  },
  {
    name: "006-staff-accounts-sessions-access-log",
    sql: `
      -- Named staff: they sign in by e-mail link or single sign-on; never deleted, made inactive.
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'evaluator')),
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- A bearer token of a person works while the person's account is active, with the account's role.
      ALTER TABLE tokens ADD COLUMN account_id INTEGER REFERENCES accounts(id);
      CREATE INDEX tokens_by_account ON tokens(account_id) WHERE account_id IS NOT NULL;
      -- A browser's sign-in: for an account, or for a token without one (the first admin's).
      -- Only the SHA-256 of the cookie's value is kept.
      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        account_id INTEGER REFERENCES accounts(id),
        token_id INTEGER REFERENCES tokens(id),
        method TEXT NOT NULL CHECK (method IN ('token', 'email-link', 'oidc')),
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        address TEXT,
        CHECK (account_id IS NOT NULL OR token_id IS NOT NULL)
      );
      CREATE INDEX sessions_by_account ON sessions(account_id);
      CREATE INDEX sessions_by_token ON sessions(token_id);
      -- One-time sign-in links sent by e-mail, kept as SHA-256 hashes.
      CREATE TABLE sign_in_links (
        hash TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      -- Who read what confidential data and who changed what. Names are copied, so an entry
      -- keeps saying who it was; the service only appends (and drops entries past retention).
      CREATE TABLE access_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        account_id INTEGER,
        token_id INTEGER,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        via TEXT NOT NULL CHECK (via IN ('session', 'bearer')),
        kind TEXT NOT NULL,
        call_id TEXT,
        subject TEXT NOT NULL,
        address TEXT
      );
      CREATE INDEX access_log_by_time ON access_log(at);
      CREATE TRIGGER access_log_append_only BEFORE UPDATE ON access_log
      BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
    `,
  },
  {
    name: "007-sign-in-links-by-mail",
    sql: `
      -- The message a sign-in link was made for: a message sent again, or read again from the
      -- outbox, withdraws the links made before.
      ALTER TABLE sign_in_links ADD COLUMN mail_id INTEGER;
      CREATE INDEX sign_in_links_by_mail ON sign_in_links(mail_id) WHERE mail_id IS NOT NULL;
    `,
  },
  {
    name: "008-desired-situation-and-channels",
    sql: `
      -- When a version's ties carry answers to the wave's tie questions (desired situation,
      -- channels): every tie in the circle's order with those answers (JSON). A tie wanted
      -- but not existing yet has no rows in ties, so this list also keeps it and its place.
      -- NULL when no tie carries such answers.
      ALTER TABLE circle_versions ADD COLUMN tie_answers TEXT;
    `,
  },
  {
    name: "009-interviews",
    sql: `
      -- The evaluator's interview with a respondent about its circle of a wave. Every save
      -- appends a version; nothing is overwritten. The lot is the interviewee's at the save,
      -- like a circle's. Written by: the person's name (or the token's) as it was then.
      CREATE TABLE interview_versions (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL REFERENCES calls(id),
        wave_id TEXT NOT NULL REFERENCES waves(id),
        lot_id TEXT NOT NULL REFERENCES lots(id),
        organisation_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('planned', 'done')),
        planned_on TEXT,
        notes TEXT,
        written_by TEXT NOT NULL,
        account_id INTEGER REFERENCES accounts(id),
        token_id INTEGER REFERENCES tokens(id),
        saved_at TEXT NOT NULL,
        UNIQUE (wave_id, organisation_id, version)
      );
      CREATE INDEX interview_versions_by_lot ON interview_versions(wave_id, lot_id);
      CREATE INDEX interview_versions_by_call ON interview_versions(call_id);
      -- The notes about each partner, in the page's order.
      CREATE TABLE interview_notes (
        version_id INTEGER NOT NULL REFERENCES interview_versions(id),
        position INTEGER NOT NULL,
        partner_id TEXT NOT NULL,
        how_it_looks TEXT,
        how_it_came_about TEXT,
        pros_and_cons TEXT,
        current_vs_desired TEXT,
        support_needed TEXT,
        PRIMARY KEY (version_id, position)
      );
      -- Codes of the coding scheme, a row each so that they can be counted per lot;
      -- note is the partner note's position, NULL for the general notes.
      CREATE TABLE interview_codes (
        version_id INTEGER NOT NULL REFERENCES interview_versions(id),
        note INTEGER,
        position INTEGER NOT NULL,
        code TEXT NOT NULL
      );
      CREATE INDEX interview_codes_by_version ON interview_codes(version_id);
    `,
  },
];
