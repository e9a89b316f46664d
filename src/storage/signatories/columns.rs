//! Which sign-on field a CSV column holds, recognized from its header: the names people
//! give columns and the questions web forms ask, in English and Spanish.

use crate::model::fold_name;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Organization,
    ShortName,
    City,
    Country,
    Contact,
    Email,
    Status,
    Signed,
    Lead,
    Invited,
    Withdrawn,
    Timestamp,
}

impl Field {
    pub const ALL: [Self; 12] = [
        Self::Organization,
        Self::ShortName,
        Self::City,
        Self::Country,
        Self::Contact,
        Self::Email,
        Self::Status,
        Self::Signed,
        Self::Lead,
        Self::Invited,
        Self::Withdrawn,
        Self::Timestamp,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Organization => "Organization",
            Self::ShortName => "Short name",
            Self::City => "City",
            Self::Country => "Country",
            Self::Contact => "Contact",
            Self::Email => "Email",
            Self::Status => "Status",
            Self::Signed => "Signed",
            Self::Lead => "Lead",
            Self::Invited => "Invited",
            Self::Withdrawn => "Withdrawn",
            Self::Timestamp => "Timestamp",
        }
    }
}

/// The field a column header names, in English or Spanish: a name people give columns
/// ("Organization", "Correo"), or else a form question's key words ("Organization name
/// (as it should appear in the memo)", "Contact email for follow-up").
pub fn field_of(header: &str) -> Option<Field> {
    named(&fold_name(header)).or_else(|| asked(header))
}

/// The fields of a CSV's columns, guessed from its header row, as both import and the
/// editor's column chooser start from: [`field_of`] each header, except that a field
/// other than Contact and Email goes to one column only, the one that names it
/// outright or else the first that asks for it. (A form asks "Does your organization
/// endorse the memo?" besides the organization's name.)
pub fn guess_columns<S: AsRef<str>>(headers: &[S]) -> Vec<Option<Field>> {
    let named: Vec<Option<Field>> = headers
        .iter()
        .map(|h| named(&fold_name(h.as_ref())))
        .collect();
    let mut taken: Vec<Field> = named.iter().flatten().copied().collect();
    headers
        .iter()
        .zip(named)
        .map(|(header, named)| {
            named.or_else(|| {
                let field = asked(header.as_ref())?;
                let repeats = matches!(field, Field::Contact | Field::Email);
                if !repeats && taken.contains(&field) {
                    return None;
                }
                taken.push(field);
                Some(field)
            })
        })
        .collect()
}

/// The field a folded header is the usual name of.
fn named(h: &str) -> Option<Field> {
    // "Contact 2", "Email 2": the further contacts that export writes.
    if let Some((stem, n)) = h.rsplit_once(' ')
        && n.chars().all(|c| c.is_ascii_digit())
        && let Some(field @ (Field::Contact | Field::Email)) = named(stem)
    {
        return Some(field);
    }
    Some(match h {
        "organization"
        | "organisation"
        | "organizacion"
        | "org"
        | "organization name"
        | "organisation name"
        | "nombre de la organizacion"
        | "organizacion firmante" => Field::Organization,
        "short name" | "acronym" | "siglas" | "abbreviation" => Field::ShortName,
        "city" | "ciudad" | "town" => Field::City,
        "country" | "pais" => Field::Country,
        "name" | "contact" | "contact name" | "contacto" | "nombre" | "nombre de contacto"
        | "your name" | "full name" => Field::Contact,
        "email" | "email address" | "correo" | "correo electronico" | "e mail" | "mail" => {
            Field::Email
        }
        "status" | "estado" | "estatus" => Field::Status,
        "signed" | "date signed" | "fecha de firma" | "firmado" => Field::Signed,
        "lead" | "lead author" | "autor principal" => Field::Lead,
        "invited" | "date invited" | "invitada" | "fecha de invitacion" => Field::Invited,
        "withdrawn" | "date withdrawn" | "retirada" | "fecha de retiro" => Field::Withdrawn,
        "timestamp" | "marca temporal" | "submitted" | "submission date" | "fecha" | "date" => {
            Field::Timestamp
        }
        _ => return None,
    })
}

/// The field a form question asks for, from its key words, the most specific first:
/// "Your organization's city" is a city, "Contact email" an email, "Contact person at
/// your organization" a contact.
fn asked(header: &str) -> Option<Field> {
    // Punctuation separates words here: "Role/title", "E-mail".
    let spaced: String = header
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let folded = format!(" {} ", fold_name(&spaced));
    let has = |words: &[&str]| words.iter().any(|w| folded.contains(&format!(" {w} ")));
    let question = header.trim_end().ends_with('?');
    let field = if has(&[
        "website", "web", "url", "sitio", "pagina", "phone", "telefono",
    ]) {
        // About the organization, but not a field memodraft keeps.
        return None;
    } else if has(&["email", "e mail", "mail", "correo"]) {
        Field::Email
    } else if has(&[
        "acronym",
        "acronimo",
        "siglas",
        "abbreviation",
        "short name",
    ]) {
        Field::ShortName
    } else if has(&["city", "ciudad", "town", "municipio"]) {
        Field::City
    } else if has(&["country", "pais"]) {
        Field::Country
    } else if has(&["timestamp", "marca temporal"]) {
        Field::Timestamp
    } else if has(&["date", "fecha"]) && has(&["signed", "signature", "firma"]) {
        Field::Signed
    } else if question && has(&["endorse", "sign", "sign on", "signing", "adhiere", "firma"]) {
        Field::Status
    } else if has(&[
        "contact",
        "contacto",
        "person",
        "persona",
        "representative",
        "representante",
        "your name",
        "su nombre",
        "tu nombre",
        "full name",
        "nombre completo",
    ]) {
        Field::Contact
    } else if has(&[
        "organization",
        "organisation",
        "organizacion",
        "org",
        "institution",
        "institucion",
    ]) {
        Field::Organization
    } else {
        return None;
    };
    Some(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_as_forms_ask_and_people_name_them() {
        for (header, field) in [
            (
                "Organization name (as it should appear in the memo)",
                Some(Field::Organization),
            ),
            (
                "Nombre de la organización (como debe aparecer)",
                Some(Field::Organization),
            ),
            ("Name of your organization", Some(Field::Organization)),
            ("Acronym (if any)", Some(Field::ShortName)),
            ("Your organization's city", Some(Field::City)),
            ("País donde trabaja su organización", Some(Field::Country)),
            ("Contact email for follow-up", Some(Field::Email)),
            ("E-mail", Some(Field::Email)),
            ("Contact person at your organization", Some(Field::Contact)),
            ("Full name (first and last)", Some(Field::Contact)),
            (
                "Does your organization endorse the memo?",
                Some(Field::Status),
            ),
            (
                "¿Su organización se adhiere al memorando?",
                Some(Field::Status),
            ),
            ("Organization website", None),
            ("Your role / title", None),
            ("Anything else we should know?", None),
            ("Nombre del grupo", None),
            ("Email 2", Some(Field::Email)),
        ] {
            assert_eq!(field_of(header), field, "{header}");
        }
        // One column per field: the one that names it outright, else the first asking.
        let headers = [
            "Organization name (as it should appear in the memo)",
            "Does your organization endorse the memo?",
            "Which organization referred you?",
            "Email Address",
            "Contact email (if different)",
            "Org",
        ];
        assert_eq!(
            guess_columns(&headers),
            [
                None,
                Some(Field::Status),
                None,
                Some(Field::Email),
                Some(Field::Email),
                Some(Field::Organization),
            ]
        );
    }
}
