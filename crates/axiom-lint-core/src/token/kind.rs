//! The kinds of token a prefix declares, and why a value meant as a token would not work.

/// The kind of a working token, as its prefix declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// `xaat-`: an API token, basic or advanced, scoped to chosen datasets and capabilities.
    Api,
    /// `xapt-`: a personal access token with full control of the user's account.
    Personal,
}

impl TokenKind {
    /// The prefix this kind of token starts with.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Api => "xaat-",
            Self::Personal => "xapt-",
        }
    }

    /// The name users know this kind by.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Api => "API token",
            Self::Personal => "personal access token",
        }
    }
}

/// A token prefix as found in text, including the retired ingest prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenPrefix {
    /// `xaat-`
    Api,
    /// `xapt-`
    Personal,
    /// `xait-`: ingest tokens, retired in 2022.
    RetiredIngest,
}

impl TokenPrefix {
    const ALL: [(Self, &'static str); 3] = [
        (Self::Api, "xaat-"),
        (Self::Personal, "xapt-"),
        (Self::RetiredIngest, "xait-"),
    ];

    /// The canonical lowercase prefix, such as `xaat-`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Api => "xaat-",
            Self::Personal => "xapt-",
            Self::RetiredIngest => "xait-",
        }
    }

    /// The token kind this prefix stands for; retired ingest tokens have none.
    pub fn kind(self) -> Option<TokenKind> {
        match self {
            Self::Api => Some(TokenKind::Api),
            Self::Personal => Some(TokenKind::Personal),
            Self::RetiredIngest => None,
        }
    }

    /// The prefix `text` starts with, in any case.
    pub(super) fn of(text: &str) -> Option<Self> {
        let head = text.get(..5)?;
        Self::ALL
            .iter()
            .find(|(_, prefix)| head.eq_ignore_ascii_case(prefix))
            .map(|(prefix, _)| *prefix)
    }
}

/// Why a value that is meant to be a real token would not work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MalformedToken {
    /// The retired `xait-` prefix: no current Axiom API accepts it.
    RetiredPrefix,
    /// A bare UUID: tokens before 2021 had no prefix; today's SDKs reject them.
    BareUuid,
    /// Capital letters in the prefix or body; tokens are all lowercase.
    Uppercase,
    /// A hex-and-dash body that is not a canonical UUID (truncated, missing dashes, …).
    WrongShape,
    /// `Bearer ` in front of the token, which belongs in an `Authorization` header only.
    BearerScheme,
    /// Quotes inside the value, usually from copying a shell line.
    Quoted,
    /// Leading or trailing whitespace or a newline.
    Whitespace,
}

impl MalformedToken {
    /// A sentence saying what is wrong, for diagnostics.
    pub fn describe(self) -> &'static str {
        match self {
            Self::RetiredPrefix => {
                "uses the retired `xait-` ingest-token prefix, which Axiom dropped in 2022"
            }
            Self::BareUuid => {
                "is a bare UUID; tokens without an `xaat-` or `xapt-` prefix are rejected as invalid"
            }
            Self::Uppercase => "contains capital letters; Axiom tokens are all lowercase",
            Self::WrongShape => {
                "has a body that is not a canonical UUID (8-4-4-4-12 lowercase hex digits)"
            }
            Self::BearerScheme => {
                "starts with `Bearer `, which belongs in an `Authorization` header, not in a token field"
            }
            Self::Quoted => "contains quote characters around the token",
            Self::Whitespace => "has leading or trailing whitespace",
        }
    }
}
