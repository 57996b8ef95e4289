//! The date archive: listed articles grouped by year and month in the site's zone.

use std::sync::Arc;

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

/// Groups the `listed` articles (newest first) by their day in the site's zone.
pub(crate) fn assemble(articles: &[Arc<Article>], listed: &[ArticleId]) -> Vec<YearArchive> {
    let mut years: Vec<YearArchive> = Vec::new();
    for &id in listed {
        let date = articles[id.0 as usize].local_date;
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
        y.months.last_mut().expect("pushed above").articles.push(id);
    }
    years
}
