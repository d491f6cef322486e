//! The public sources behind the plan's and "You are not alone"'s facts, as data: every
//! screen that states a fact lists the sources it rests on under "About this information"
//! (title, publisher, year, link).
//!
//! Brief references keep the NCAP brief's own numbers ("The Intersections of Human
//! Trafficking, Intimate Partner Violence, and Child Welfare", National Center to Advance
//! Peace for Children, Youth, and Families). Official pages are cited by title, publisher,
//! the year we read them and their address. Entries marked `// ADVOCATE REVIEW` rest on a
//! page we could not re-check from this machine: an advocate should confirm the wording of
//! the sentences that cite them before release.

/// One source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// Stable id (used in HTML ids and tests).
    pub id: &'static str,
    /// The brief's own reference number, if it is one of the brief's references.
    pub brief_ref: Option<u8>,
    /// Title, in its original language.
    pub title: &'static str,
    /// Publisher or authors.
    pub publisher: &'static str,
    /// Year of publication (or of the page version read).
    pub year: u16,
    /// Address, if it has one.
    pub url: Option<&'static str>,
}

/// What a sentence is about; each screen section lists the sources of its topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// The brief itself: survivor-driven planning, harm reduction, overlap of the three.
    Brief,
    /// Trafficking: force, fraud, coercion, debt, labour, family and networks.
    Trafficking,
    /// Papers held by someone else, replacing them.
    Documents,
    /// T and U visas, VAWA self-petitions.
    Immigration,
    /// Children, child welfare, custody, children used as control.
    Children,
    /// Who must report child abuse, and what that means.
    MandatedReporting,
    /// Young people: survival sex, running away, foster care.
    Youth,
    /// Phones, accounts and stalkerware.
    Tech,
    /// Danger assessment with an advocate.
    Danger,
    /// Recording what happened: what to write down, keeping originals, photographing
    /// injuries, and the danger of a record being found.
    Evidence,
}

const NCAP: Source = Source {
    id: "ncap-brief",
    brief_ref: None,
    title: "The Intersections of Human Trafficking, Intimate Partner Violence, and Child Welfare",
    publisher: "National Center to Advance Peace for Children, Youth, and Families (NCAP)",
    year: 2023, // ADVOCATE REVIEW: the brief carries no date; year of the grant period.
    url: None,
};

const B1: Source = Source {
    id: "brief-1",
    brief_ref: Some(1),
    title: "Explore the Intersection between Domestic Violence and Human Trafficking",
    publisher: "Frundt T, Longhitano L, Johnson J; Office on Violence Against Women, U.S. Department of Justice",
    year: 2017,
    url: None,
};
const B2: Source = Source {
    id: "brief-2",
    brief_ref: Some(2),
    title: "Trafficking in Persons Report",
    publisher: "U.S. Department of State",
    year: 2021,
    url: Some("https://www.state.gov/wp-content/uploads/2021/09/TIPR-GPA-upload-07222021.pdf"),
};
const B3: Source = Source {
    id: "brief-3",
    brief_ref: Some(3),
    title: "Conflict and agency among sex workers and pimps: A closer look at domestic minor sex trafficking",
    publisher: "Marcus A, Horning A, Curtis R, Sanson J, Thompson E; The ANNALS of the American Academy of Political and Social Science",
    year: 2014,
    url: None,
};
const B7: Source = Source {
    id: "brief-7",
    brief_ref: Some(7),
    title: "Commentary on \"Human Trafficking and Domestic Violence: Etiology, Intervention, and Overlap with Child Maltreatment\"",
    publisher: "Lloyd R; Journal of Applied Research on Children",
    year: 2015,
    url: Some("https://digitalcommons.library.tmc.edu/childrenatrisk/vol6/iss1/9"),
};
const B9: Source = Source {
    id: "brief-9",
    brief_ref: Some(9),
    title: "What Are Child-related Challenges for Survivors of Human Trafficking? National Survivor Study",
    publisher: "Polaris Project",
    year: 2022,
    url: Some("https://polarisproject.org/wp-content/uploads/2022/09/Child-Related-Challenges-for-Survivors-by-Polaris.pdf"),
};
const B12: Source = Source {
    id: "brief-12",
    brief_ref: Some(12),
    title: "Domestic minor sex trafficking among child welfare-involved youth: An exploratory study of correlates",
    publisher: "O'Brien JE, White K, Rizo CF; Child Maltreatment",
    year: 2017,
    url: None,
};
const B13: Source = Source {
    id: "brief-13",
    brief_ref: Some(13),
    title: "Human Trafficking and the Child Welfare Population in Florida",
    publisher:
        "Gibbs DA, Henninger AM, Tueller SJ, Kluckman MN; Children and Youth Services Review",
    year: 2018,
    url: None,
};
const B15: Source = Source {
    id: "brief-15",
    brief_ref: Some(15),
    title: "Our 2021 Impact",
    publisher: "National Center for Missing and Exploited Children (NCMEC)",
    year: 2022,
    url: Some("https://www.missingkids.org/impact"),
};
const B16: Source = Source {
    id: "brief-16",
    brief_ref: Some(16),
    title: "Polaris Analysis of 2020 Data from the National Human Trafficking Hotline",
    publisher: "Polaris Project",
    year: 2021,
    url: Some("https://polarisproject.org/wp-content/uploads/2022/01/Polaris-Analysis-of-2020-Data-from-the-National-Human-Trafficking-Hotline.pdf"),
};
const B17: Source = Source {
    id: "brief-17",
    brief_ref: Some(17),
    title: "Intersections of Human Trafficking, Domestic Violence, and Sexual Assault",
    publisher: "Asian Pacific Institute on Gender-Based Violence",
    year: 2016,
    url: None,
};
const B18: Source = Source {
    id: "brief-18",
    brief_ref: Some(18),
    title: "Inequalities in US Child Protection: The Case of Sex Trafficked Youth",
    publisher: "Rozas LW, Ostrander J, Feely M; Social Sciences",
    year: 2018,
    url: None,
};
const B19: Source = Source {
    id: "brief-19",
    brief_ref: Some(19),
    title: "Considerations and Recommendations on Trauma-Informed Advocacy for Survivors of Human Trafficking",
    publisher: "Asian Pacific Institute on Gender-Based Violence",
    year: 2017,
    url: None,
};

// ADVOCATE REVIEW (all official pages below): titles and addresses as published by the
// agency; the sentences that cite them state only what these pages describe.
const USCIS_T: Source = Source {
    id: "uscis-t-visa",
    brief_ref: None,
    title: "Victims of Human Trafficking: T Nonimmigrant Status",
    publisher: "U.S. Citizenship and Immigration Services (USCIS)",
    year: 2024,
    url: Some("https://www.uscis.gov/humanitarian/victims-of-human-trafficking-and-other-crimes/victims-of-human-trafficking-t-nonimmigrant-status"),
};
const USCIS_U: Source = Source {
    id: "uscis-u-visa",
    brief_ref: None,
    title: "Victims of Criminal Activity: U Nonimmigrant Status",
    publisher: "U.S. Citizenship and Immigration Services (USCIS)",
    year: 2024,
    url: Some(
        "https://www.uscis.gov/humanitarian/victims-of-criminal-activity-u-nonimmigrant-status",
    ),
};
const USCIS_VAWA: Source = Source {
    id: "uscis-vawa",
    brief_ref: None,
    title: "Abused Spouses, Children and Parents",
    publisher: "U.S. Citizenship and Immigration Services (USCIS)",
    year: 2024,
    url: Some("https://www.uscis.gov/humanitarian/abused-spouses-children-and-parents"),
};
const USCIS_I90: Source = Source {
    id: "uscis-i-90",
    brief_ref: None,
    title: "I-90, Application to Replace Permanent Resident Card (Green Card)",
    publisher: "U.S. Citizenship and Immigration Services (USCIS)",
    year: 2024,
    url: Some("https://www.uscis.gov/i-90"),
};
const STATE_PASSPORT: Source = Source {
    id: "state-lost-passport",
    brief_ref: None,
    title: "Lost or Stolen Passports",
    publisher: "U.S. Department of State, Bureau of Consular Affairs",
    year: 2024,
    url: Some(
        "https://travel.state.gov/content/travel/en/passports/have-passport/lost-stolen.html",
    ),
};
const USC_1592: Source = Source {
    id: "usc-18-1592",
    brief_ref: None,
    title: "18 U.S. Code § 1592: Unlawful conduct with respect to documents in furtherance of trafficking, peonage, slavery, involuntary servitude, or forced labor",
    publisher: "United States Code (Office of the Law Revision Counsel)",
    year: 2024,
    url: Some("https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title18-section1592&num=0&edition=prelim"),
};
const CWIG_MANDATED: Source = Source {
    id: "cwig-mandated-reporters",
    brief_ref: None,
    title: "Mandatory Reporters of Child Abuse and Neglect",
    publisher: "Child Welfare Information Gateway, Children's Bureau, U.S. Department of Health and Human Services",
    year: 2023,
    url: Some("https://www.childwelfare.gov/resources/mandatory-reporters-child-abuse-and-neglect/"),
};
const SAFETY_NET: Source = Source {
    id: "nnedv-safety-net",
    brief_ref: None,
    title: "Technology Safety & Privacy: A Toolkit for Survivors",
    publisher: "Safety Net Project, National Network to End Domestic Violence (NNEDV)",
    year: 2024,
    url: Some("https://www.techsafety.org/resources-survivors"),
};
const STOP_STALKERWARE: Source = Source {
    id: "coalition-against-stalkerware",
    brief_ref: None,
    title: "Information for survivors",
    publisher: "Coalition Against Stalkerware",
    year: 2024,
    url: Some("https://stopstalkerware.org/information-for-survivors/"),
};
const DANGER_ASSESSMENT: Source = Source {
    id: "danger-assessment",
    brief_ref: None,
    title: "Danger Assessment",
    publisher: "Campbell JC; Johns Hopkins School of Nursing",
    year: 2024,
    url: Some("https://www.dangerassessment.org/"),
};

const SAFETY_NET_DOCUMENTATION: Source = Source {
    id: "nnedv-documentation-tips",
    brief_ref: None,
    title: "Documentation Tips for Survivors of Technology Abuse & Stalking",
    publisher: "Safety Net Project, National Network to End Domestic Violence (NNEDV)",
    year: 2024,
    url: Some("https://www.techsafety.org/documentationtips"),
};
const WOMENSLAW_DOCUMENTING: Source = Source {
    id: "womenslaw-documenting-evidence",
    brief_ref: None,
    title: "Documenting/saving evidence (Evidence issues in cases involving technology)",
    publisher: "WomensLaw.org, National Network to End Domestic Violence (NNEDV)",
    year: 2024,
    url: Some("https://www.womenslaw.org/about-abuse/abuse-using-technology/evidence-issues-cases-involving-technology/documentingsaving"),
};
// ADVOCATE REVIEW: guidance for police and forensic photographers; the app turns it into
// plain advice for a person photographing her own injuries (several angles, a scale,
// photos again over the following days as bruises change).
const INJURY_PHOTOGRAPHY: Source = Source {
    id: "dv-injury-photography",
    brief_ref: None,
    title: "Domestic Violence Photography",
    publisher:
        "Pex JO; Oregon State Police, Coos Bay Forensic Laboratory (crime-scene-investigator.net)",
    year: 2024,
    url: Some("https://www.crime-scene-investigator.net/dv-photo.html"),
};

/// Every source, in the order the full list shows them.
pub const ALL: [Source; 26] = [
    NCAP,
    B1,
    B2,
    B3,
    B7,
    B9,
    B12,
    B13,
    B15,
    B16,
    B17,
    B18,
    B19,
    USCIS_T,
    USCIS_U,
    USCIS_VAWA,
    USCIS_I90,
    STATE_PASSPORT,
    USC_1592,
    CWIG_MANDATED,
    SAFETY_NET,
    STOP_STALKERWARE,
    DANGER_ASSESSMENT,
    SAFETY_NET_DOCUMENTATION,
    WOMENSLAW_DOCUMENTING,
    INJURY_PHOTOGRAPHY,
];

/// The sources behind sentences on a topic.
pub fn for_topic(topic: Topic) -> &'static [Source] {
    match topic {
        Topic::Brief => &[NCAP, B17, B19],
        Topic::Trafficking => &[NCAP, B1, B2, B7, B16, B17],
        Topic::Documents => &[USC_1592, STATE_PASSPORT, USCIS_I90, B17],
        Topic::Immigration => &[USCIS_T, USCIS_U, USCIS_VAWA, B17],
        Topic::Children => &[NCAP, B1, B9, B18],
        Topic::MandatedReporting => &[CWIG_MANDATED],
        Topic::Youth => &[B3, B7, B12, B13, B15, B18, CWIG_MANDATED],
        Topic::Tech => &[SAFETY_NET, STOP_STALKERWARE],
        Topic::Danger => &[DANGER_ASSESSMENT, B19],
        Topic::Evidence => &[
            SAFETY_NET_DOCUMENTATION,
            WOMENSLAW_DOCUMENTING,
            INJURY_PHOTOGRAPHY,
        ],
    }
}

/// The sources of several topics, each once, in the order of [`ALL`].
pub fn for_topics(topics: &[Topic]) -> Vec<Source> {
    ALL.into_iter()
        .filter(|s| topics.iter().any(|t| for_topic(*t).contains(s)))
        .collect()
}

/// One line of the "About this information" list: `[n] ` for brief references, then
/// title, publisher, year.
pub fn citation(s: &Source) -> String {
    let head = match s.brief_ref {
        Some(n) => format!("[{n}] "),
        None => String::new(),
    };
    format!("{head}{}. {}, {}.", s.title, s.publisher, s.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_links_are_https() {
        for (i, a) in ALL.iter().enumerate() {
            assert!(ALL.iter().skip(i + 1).all(|b| b.id != a.id), "{}", a.id);
            if let Some(u) = a.url {
                assert!(u.starts_with("https://"), "{u}");
            }
        }
    }
}
