//! The date archive: articles grouped by year and month in the site's zone.

use jiff::tz::TimeZone;

use super::article::{Article, ArticleId};

/// One year of articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearArchive {
    /// The year.
    pub year: i16,
    /// Months with articles, newest first.
    pub months: Vec<MonthArchive>,
}

/// One month of articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthArchive {
    /// The year.
    pub year: i16,
    /// The month, 1 to 12.
    pub month: i8,
    /// Articles, newest first.
    pub articles: Vec<ArticleId>,
}

impl YearArchive {
    /// Articles in the year.
    pub fn count(&self) -> usize {
        self.months.iter().map(|m| m.articles.len()).sum()
    }

    /// The site-relative path of the year's page.
    pub fn path(&self) -> String {
        format!("archive/{:04}/", self.year)
    }
}

impl MonthArchive {
    /// The site-relative path of the month's page.
    pub fn path(&self) -> String {
        format!("archive/{:04}/{:02}/", self.year, self.month)
    }
}

/// Groups `articles` (newest first) by their date in `tz`.
pub fn assemble(articles: &[Article], tz: &TimeZone) -> Vec<YearArchive> {
    let mut years: Vec<YearArchive> = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let date = article.date.to_zoned_datetime(tz.clone()).date();
        let (year, month) = (date.year(), date.month());
        if years.last().is_none_or(|y| y.year != year) {
            years.push(YearArchive {
                year,
                months: Vec::new(),
            });
        }
        let y = years.last_mut().expect("pushed above");
        if y.months.last().is_none_or(|m| m.month != month) {
            y.months.push(MonthArchive {
                year,
                month,
                articles: Vec::new(),
            });
        }
        y.months
            .last_mut()
            .expect("pushed above")
            .articles
            .push(ArticleId(i as u32));
    }
    years
}
