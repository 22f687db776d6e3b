//! The directory's search index: tantivy for words (stemmed, with typo tolerance) and an R-tree for places. Built
//! from the directory's public records only: no personal data ever enters it. Queries are built term by term, never
//! parsed, so any text (quotes, operators, emoji, 10 kB) is a valid query.

use heart_hsds::hours::{self, Rule};
use heart_hsds::{Directory, Kind, Links, Record, taxonomy};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Arc;
use tantivy::collector::{Count, FilterCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query as TQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index as TIndex, IndexReader, Term, doc};

/// What a search result needs to show, kept beside the index (public directory data).
#[derive(Clone, Debug)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub organization: String,
    pub description: String,
    /// (location id, name, latitude, longitude, address line).
    pub places: Vec<Place>,
    pub rules: Vec<Rule>,
    /// Language names and codes, lower case.
    pub languages: Vec<String>,
    pub free: bool,
    pub no_id: bool,
    pub accessible: bool,
    /// Our taxonomy's codes (and parents).
    pub needs: Vec<String>,
    /// Every taxonomy term id and taxonomy id the service carries.
    pub term_ids: BTreeSet<String>,
    pub phones: Vec<String>,
    pub status: String,
    pub has_hours: bool,
}

#[derive(Clone, Debug)]
pub struct Place {
    pub location: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub address: String,
}

/// A search.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub text: String,
    /// Our taxonomy's codes; a service matches one of them.
    pub needs: Vec<String>,
    /// Any taxonomy term or taxonomy id (the HSDS API's filters).
    pub term_id: Option<String>,
    pub near: Option<(f64, f64)>,
    /// Only within this many metres of `near`.
    pub within_m: Option<f64>,
    pub open_at: Option<Timestamp>,
    pub language: Option<String>,
    pub free: bool,
    pub no_id: bool,
    pub accessible: bool,
    pub organization: Option<String>,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Clone, Debug)]
pub struct Hit {
    pub service: usize,
    pub distance_m: Option<f64>,
}

pub struct Found {
    pub total: usize,
    pub hits: Vec<Hit>,
}

#[derive(Clone, Copy)]
struct Fields {
    cell: Field,
    name: Field,
    org: Field,
    body: Field,
}

pub struct Index {
    reader: IndexReader,
    fields: Fields,
    analyzer: TextAnalyzer,
    data: Arc<Data>,
}

struct Data {
    services: Vec<Service>,
    /// Points in metres (local projection) with the service's position.
    tree: RTree<GeomWithData<[f64; 2], usize>>,
    origin: (f64, f64),
}

const EARTH_M: f64 = 6_371_000.0;

/// Places are also indexed as 500 m grid cells, so a distance filter narrows the word matches inside the index.
const CELL_M: f64 = 500.0;

fn cell_name(p: [f64; 2]) -> String {
    format!(
        "{}:{}",
        (p[0] / CELL_M).floor() as i64,
        (p[1] / CELL_M).floor() as i64
    )
}

impl Query {
    /// Anything beyond words?
    fn has_filters(&self) -> bool {
        !self.needs.is_empty()
            || self.term_id.is_some()
            || (self.near.is_some() && self.within_m.is_some())
            || self.open_at.is_some()
            || self.language.is_some()
            || self.free
            || self.no_id
            || self.accessible
            || self.organization.is_some()
    }
}

impl Data {
    /// Which services have a place within `r` metres of `at` (from the R-tree, then the exact distance).
    fn within(&self, at: (f64, f64), r: f64) -> Vec<bool> {
        let mut out = vec![false; self.services.len()];
        let c = self.project(at.0, at.1);
        let env = AABB::from_corners(
            [c[0] - r * 1.01, c[1] - r * 1.01],
            [c[0] + r * 1.01, c[1] + r * 1.01],
        );
        for p in self.tree.locate_in_envelope(env) {
            if !out[p.data] && self.distance(p.data, at).is_some_and(|d| d <= r) {
                out[p.data] = true;
            }
        }
        out
    }

    fn project(&self, lat: f64, lon: f64) -> [f64; 2] {
        let k = std::f64::consts::PI / 180.0;
        [
            (lon - self.origin.1) * k * EARTH_M * (self.origin.0 * k).cos(),
            (lat - self.origin.0) * k * EARTH_M,
        ]
    }

    fn distance(&self, s: usize, at: (f64, f64)) -> Option<f64> {
        self.services[s]
            .places
            .iter()
            .map(|p| haversine(at, (p.lat, p.lon)))
            .reduce(f64::min)
    }

    fn passes(&self, s: usize, q: &Query) -> bool {
        let svc = &self.services[s];
        if !q.needs.is_empty() && !q.needs.iter().any(|n| svc.needs.contains(n)) {
            return false;
        }
        if q.term_id
            .as_ref()
            .is_some_and(|t| !svc.term_ids.contains(t))
        {
            return false;
        }
        if (q.free && !svc.free) || (q.no_id && !svc.no_id) || (q.accessible && !svc.accessible) {
            return false;
        }
        if let Some(l) = &q.language {
            let l = l.to_lowercase();
            if !svc.languages.contains(&l) {
                return false;
            }
        }
        if q.organization
            .as_ref()
            .is_some_and(|o| *o != svc.organization_id_or_empty())
        {
            return false;
        }
        if let (Some(at), Some(r)) = (q.near, q.within_m)
            && self.distance(s, at).is_none_or(|d| d > r)
        {
            return false;
        }
        if let Some(t) = q.open_at
            && !hours::open_at(&svc.rules, t)
        {
            return false;
        }
        true
    }
}

impl Service {
    fn organization_id_or_empty(&self) -> &str {
        // Filled by `build`: the organization id is kept in `term_ids` under a prefix to avoid another field.
        self.term_ids
            .iter()
            .find_map(|t| t.strip_prefix("org:"))
            .unwrap_or("")
    }
}

/// Great-circle distance in metres.
pub fn haversine(a: (f64, f64), b: (f64, f64)) -> f64 {
    let k = std::f64::consts::PI / 180.0;
    let (dlat, dlon) = ((b.0 - a.0) * k, (b.1 - a.1) * k);
    let h =
        (dlat / 2.0).sin().powi(2) + (a.0 * k).cos() * (b.0 * k).cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_M * h.sqrt().asin()
}

fn s<'a>(r: &'a Record, k: &str) -> &'a str {
    r.get(k).and_then(Value::as_str).unwrap_or("")
}

fn free_text(t: &str) -> bool {
    let t = t.to_lowercase();
    t.contains("free") || t.contains("no cost") || t.contains("no charge")
}

/// Gather what search needs about every service.
pub fn services(dir: &Directory, links: &Links, default_tz: &TimeZone) -> Vec<Service> {
    dir.table(Kind::Service)
        .map(|r| service_of(dir, links, default_tz, r))
        .collect()
}

/// One service as the index keeps it: its places (or its organization's), hours, languages and tags.
fn service_of(dir: &Directory, links: &Links, default_tz: &TimeZone, r: &Record) -> Service {
    let id = s(r, "id").to_string();
    let org_id = s(r, "organization_id");
    let org = dir
        .get(Kind::Organization, org_id)
        .map(|o| s(o, "name").to_string())
        .unwrap_or_default();
    let mut term_ids = BTreeSet::new();
    if !org_id.is_empty() {
        term_ids.insert(format!("org:{org_id}"));
    }
    let mut needs = Vec::new();
    let mut location_ids: Vec<String> = dir
        .children_of(links, Kind::ServiceAtLocation, "service_id", &id)
        .iter()
        .map(|sal| s(sal, "location_id").to_string())
        .collect();
    let mut schedules: Vec<&Record> = dir.children_of(links, Kind::Schedule, "service_id", &id);
    for sal in dir.children_of(links, Kind::ServiceAtLocation, "service_id", &id) {
        schedules.extend(dir.children_of(
            links,
            Kind::Schedule,
            "service_at_location_id",
            s(sal, "id"),
        ));
    }
    if location_ids.is_empty() {
        // A service with no place of its own is found at its organization's places.
        location_ids = dir
            .children_of(links, Kind::Location, "organization_id", org_id)
            .iter()
            .filter(|l| s(l, "location_type") != "postal")
            .map(|l| s(l, "id").to_string())
            .collect();
    }
    let mut places = Vec::new();
    let mut languages: Vec<String> = Vec::new();
    let mut accessible = false;
    let mut attrs: Vec<&Record> = dir.children_of(links, Kind::Attribute, "link_id", &id);
    let mut phones: Vec<String> = dir
        .children_of(links, Kind::Phone, "service_id", &id)
        .iter()
        .map(|p| s(p, "number").to_string())
        .collect();
    for lid in &location_ids {
        let Some(l) = dir.get(Kind::Location, lid) else {
            continue;
        };
        if schedules
            .iter()
            .all(|x| s(x, "service_id") != id || s(x, "location_id") != lid.as_str())
        {
            schedules.extend(dir.children_of(links, Kind::Schedule, "location_id", lid));
        }
        let address = dir
            .children_of(links, Kind::Address, "location_id", lid)
            .first()
            .map(|a| {
                [s(a, "address_1"), s(a, "city")]
                    .iter()
                    .filter(|x| !x.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        if let (Some(lat), Some(lon)) = (
            l.get("latitude").and_then(Value::as_f64),
            l.get("longitude").and_then(Value::as_f64),
        ) {
            places.push(Place {
                location: lid.clone(),
                name: s(l, "name").into(),
                lat,
                lon,
                address,
            });
        }
        accessible |= !dir
            .children_of(links, Kind::Accessibility, "location_id", lid)
            .is_empty();
        for lang in dir.children_of(links, Kind::Language, "location_id", lid) {
            languages.extend([
                s(lang, "name").to_lowercase(),
                s(lang, "code").to_lowercase(),
            ]);
        }
        attrs.extend(dir.children_of(links, Kind::Attribute, "link_id", lid));
        if phones.is_empty() {
            phones.extend(
                dir.children_of(links, Kind::Phone, "location_id", lid)
                    .iter()
                    .map(|p| s(p, "number").to_string()),
            );
        }
    }
    for lang in dir.children_of(links, Kind::Language, "service_id", &id) {
        languages.extend([
            s(lang, "name").to_lowercase(),
            s(lang, "code").to_lowercase(),
        ]);
    }
    let mut free = free_text(s(r, "fees_description")) || free_text(s(r, "fees"));
    let costs = dir.children_of(links, Kind::CostOption, "service_id", &id);
    if !costs.is_empty()
        && costs
            .iter()
            .all(|c| c.get("amount").and_then(Value::as_f64) == Some(0.0))
    {
        free = true;
    }
    let no_id = read_attributes(
        dir,
        attrs,
        &mut term_ids,
        &mut needs,
        &mut languages,
        (&mut free, &mut accessible),
    );
    languages.retain(|l| !l.is_empty());
    let mut rules = Vec::new();
    let has_hours = !schedules.is_empty();
    for sch in schedules {
        if hours::flagged(sch) {
            continue;
        }
        if let Ok(Some(rule)) = Rule::from_record(sch, default_tz) {
            rules.push(rule);
        }
    }
    Service {
        id,
        name: s(r, "name").into(),
        organization: org,
        description: s(r, "description").into(),
        places,
        rules,
        languages,
        free,
        no_id,
        accessible,
        needs,
        term_ids,
        phones,
        status: s(r, "status").into(),
        has_hours,
    }
}

/// Reads a service's (and its places') attributes: the taxonomy terms it is found by, its needs, and the tags
/// that set `free`, `accessible` and the languages. Returns whether no ID is asked for.
fn read_attributes(
    dir: &Directory,
    attrs: Vec<&Record>,
    term_ids: &mut BTreeSet<String>,
    needs: &mut Vec<String>,
    languages: &mut Vec<String>,
    (free, accessible): (&mut bool, &mut bool),
) -> bool {
    let mut no_id = false;
    for a in attrs {
        let tid = s(a, "taxonomy_term_id");
        term_ids.insert(tid.to_string());
        if let Some(t) = dir.get(Kind::TaxonomyTerm, tid) {
            term_ids.insert(s(t, "taxonomy_id").to_string());
        }
        if let Some(code) = taxonomy::code_of(tid) {
            match code {
                "free" => *free = true,
                "no-id" => no_id = true,
                "accessible" => *accessible = true,
                "spanish" => languages.extend(["spanish".into(), "es".into()]),
                _ => {}
            }
            needs.push(code.to_string());
            if let Some((_, _, _, parent, _)) = taxonomy::TERMS.iter().find(|t| t.0 == code)
                && !parent.is_empty()
            {
                needs.push(parent.to_string());
            }
        }
    }
    no_id
}

fn text_options() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

impl Index {
    /// Build the index from the directory (in memory; a few seconds for 100,000 services).
    pub fn build(dir: &Directory, default_tz: &TimeZone) -> tantivy::Result<Index> {
        let links = dir.links();
        let list = services(dir, &links, default_tz);
        let mut body_text: Vec<String> = Vec::with_capacity(list.len());
        for (r, svc) in dir.table(Kind::Service).zip(&list) {
            let mut words = vec![svc.description.clone(), s(r, "alternate_name").into()];
            for code in &svc.needs {
                if let Some(t) = taxonomy::TERMS.iter().find(|t| t.0 == code) {
                    words.push(t.1.into());
                }
            }
            for tid in &svc.term_ids {
                if let Some(t) = dir.get(Kind::TaxonomyTerm, tid) {
                    words.push(s(t, "name").into());
                }
            }
            body_text.push(words.join(" "));
        }
        Self::from_services(list, body_text)
    }

    fn from_services(list: Vec<Service>, body_text: Vec<String>) -> tantivy::Result<Index> {
        let origin = list
            .iter()
            .flat_map(|s| s.places.first())
            .map(|p| (p.lat, p.lon))
            .next()
            .unwrap_or((42.37, -71.11));
        let mut data = Data {
            services: list,
            tree: RTree::new(),
            origin,
        };
        let mut sb = Schema::builder();
        let ord_field = sb.add_u64_field("ord", FAST);
        let name = sb.add_text_field("name", text_options());
        let org = sb.add_text_field("org", text_options());
        let body = sb.add_text_field("body", text_options());
        let cell = sb.add_text_field("cell", STRING);
        let schema = sb.build();
        let index = TIndex::create_in_ram(schema);
        let mut w = index.writer_with_num_threads(1, 50_000_000)?;
        for (i, svc) in data.services.iter().enumerate() {
            let mut d = doc!(
                ord_field => i as u64,
                name => svc.name.clone(),
                org => svc.organization.clone(),
                body => body_text.get(i).cloned().unwrap_or_default(),
            );
            let mut cells: Vec<String> = svc
                .places
                .iter()
                .map(|p| cell_name(data.project(p.lat, p.lon)))
                .collect();
            cells.dedup();
            for c in cells {
                d.add_text(cell, c);
            }
            w.add_document(d)?;
        }
        w.commit()?;
        let reader = index.reader()?;
        let analyzer = index
            .tokenizers()
            .get("en_stem")
            .ok_or_else(|| tantivy::TantivyError::InvalidArgument("no en_stem tokenizer".into()))?;
        let mut pts = Vec::new();
        for (i, svc) in data.services.iter().enumerate() {
            for p in &svc.places {
                pts.push(GeomWithData::new(data.project(p.lat, p.lon), i));
            }
        }
        data.tree = RTree::bulk_load(pts);
        Ok(Index {
            reader,
            fields: Fields {
                name,
                org,
                body,
                cell,
            },
            analyzer,
            data: Arc::new(data),
        })
    }

    pub fn services(&self) -> &[Service] {
        &self.data.services
    }

    pub fn len(&self) -> usize {
        self.data.services.len()
    }

    pub fn is_empty(&self) -> bool {
        self.data.services.is_empty()
    }

    /// The words of a query as the index holds them (stemmed, lower case), at most 12.
    fn tokens(&self, text: &str) -> Vec<String> {
        let mut a = self.analyzer.clone();
        let mut out = Vec::new();
        let mut stream = a.token_stream(text);
        while stream.advance() {
            let t = stream.token().text.clone();
            if !t.is_empty() && !out.contains(&t) {
                out.push(t);
            }
            if out.len() >= 12 {
                break;
            }
        }
        out
    }

    /// Every word must match (in the name, the organisation or the text). A word the index holds matches as it
    /// is; a word it does not hold (a misspelling) matches its near neighbours by edit distance.
    fn text_query(&self, searcher: &tantivy::Searcher, tokens: &[String]) -> Box<dyn TQuery> {
        let f = self.fields;
        let mut must: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for t in tokens {
            let known = [f.name, f.org, f.body].iter().any(|field| {
                searcher
                    .doc_freq(&Term::from_field_text(*field, t))
                    .unwrap_or(0)
                    > 0
            });
            let mut any: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
            let chars = t.chars().count();
            let distance = if chars <= 3 {
                0
            } else if chars <= 6 {
                1
            } else {
                2
            };
            for (field, boost) in [(f.name, 3.0), (f.org, 2.0), (f.body, 1.0)] {
                let term = Term::from_field_text(field, t);
                any.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                        boost * 2.0,
                    )),
                ));
                if distance > 0 && !known {
                    any.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(
                            Box::new(FuzzyTermQuery::new(term, distance, true)),
                            boost * 0.5,
                        )),
                    ));
                }
            }
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        Box::new(BooleanQuery::new(must))
    }

    /// Search. Words rank by relevance (distance breaks ties); without words, nearest first, or by name.
    pub fn search(&self, q: &Query) -> Found {
        let limit = q.limit.clamp(1, 1000);
        let data = self.data.clone();
        let tokens = self.tokens(&q.text);
        if tokens.is_empty() {
            browse(&data, q, limit)
        } else {
            self.text_search(&data, q, &tokens, limit)
        }
    }

    /// A search with words: tantivy ranks the matches; a small radius narrows them by cells first, other filters are
    /// checked per match.
    fn text_search(&self, data: &Arc<Data>, q: &Query, tokens: &[String], limit: usize) -> Found {
        let (total, mut hits);
        let searcher = self.reader.searcher();
        let mut query = self.text_query(&searcher, tokens);
        let mut by_cells = false;
        if let (Some(at), Some(r)) = (q.near, q.within_m) {
            let c = data.project(at.0, at.1);
            let (x0, x1) = (
                ((c[0] - r) / CELL_M).floor() as i64,
                ((c[0] + r) / CELL_M).floor() as i64,
            );
            let (y0, y1) = (
                ((c[1] - r) / CELL_M).floor() as i64,
                ((c[1] + r) / CELL_M).floor() as i64,
            );
            // A small radius narrows by cells; a large one is left to the exact check.
            if (x1 - x0 + 1) * (y1 - y0 + 1) <= 400 {
                by_cells = true;
                let mut cells: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
                for x in x0..=x1 {
                    for y in y0..=y1 {
                        let term = Term::from_field_text(self.fields.cell, &format!("{x}:{y}"));
                        cells.push((
                            Occur::Should,
                            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                        ));
                    }
                }
                query = Box::new(BooleanQuery::new(vec![
                    (Occur::Must, query),
                    (
                        Occur::Must,
                        Box::new(ConstScoreQuery::new(
                            Box::new(BooleanQuery::new(cells)),
                            0.0,
                        )),
                    ),
                ]));
            }
        }
        let top_docs = (
            Count,
            TopDocs::with_limit(q.offset + limit).order_by_score(),
        );
        let result = if q.has_filters() {
            // Places within the radius come from the R-tree once; the other filters are checked per match.
            // Narrowed by cells, the few matches left are measured one by one; otherwise the R-tree gives
            // the places within the radius once.
            let within: Option<Arc<Vec<bool>>> = match (q.near, q.within_m, by_cells) {
                (Some(at), Some(r), false) => Some(Arc::new(data.within(at, r))),
                _ => None,
            };
            let mut rest = q.clone();
            if within.is_some() {
                rest.within_m = None;
            }
            let rest = Arc::new(rest);
            let d2 = data.clone();
            let pred = move |ord: u64| {
                let i = ord as usize;
                within
                    .as_ref()
                    .is_none_or(|w| w.get(i).copied().unwrap_or(false))
                    && d2.passes(i, &rest)
            };
            searcher.search(
                &query,
                &FilterCollector::new("ord".to_string(), pred, top_docs),
            )
        } else {
            searcher.search(&query, &top_docs)
        };
        match result {
            Ok((count, top)) => {
                total = count;
                hits = Vec::new();
                for (_score, addr) in top.into_iter().skip(q.offset) {
                    let Some(ord) = searcher
                        .segment_reader(addr.segment_ord)
                        .fast_fields()
                        .u64("ord")
                        .ok()
                        .and_then(|c| c.first(addr.doc_id))
                        .map(|n| n as usize)
                    else {
                        continue;
                    };
                    hits.push(Hit {
                        service: ord,
                        distance_m: q.near.and_then(|at| data.distance(ord, at)),
                    });
                }
            }
            Err(_) => {
                total = 0;
                hits = Vec::new();
            }
        }
        Found { total, hits }
    }
}

/// A search without words: every service that passes the filters, nearest first when a place is given, else by name.
fn browse(data: &Arc<Data>, q: &Query, limit: usize) -> Found {
    let mut all: Vec<usize> = match (q.near, q.within_m) {
        (Some((lat, lon)), Some(r)) => {
            let c = data.project(lat, lon);
            let env = AABB::from_corners(
                [c[0] - r * 1.01, c[1] - r * 1.01],
                [c[0] + r * 1.01, c[1] + r * 1.01],
            );
            let set: BTreeSet<usize> = data.tree.locate_in_envelope(env).map(|p| p.data).collect();
            set.into_iter().filter(|i| data.passes(*i, q)).collect()
        }
        _ => (0..data.services.len())
            .filter(|i| data.passes(*i, q))
            .collect(),
    };
    let total = all.len();
    let hits = match q.near {
        Some(at) => {
            let mut with: Vec<(usize, f64)> = all
                .drain(..)
                .map(|i| (i, data.distance(i, at).unwrap_or(f64::INFINITY)))
                .collect();
            with.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            with.into_iter()
                .skip(q.offset)
                .take(limit)
                .map(|(i, d)| Hit {
                    service: i,
                    distance_m: d.is_finite().then_some(d),
                })
                .collect()
        }
        None => {
            all.sort_by(|a, b| {
                data.services[*a]
                    .name
                    .cmp(&data.services[*b].name)
                    .then(a.cmp(b))
            });
            all.into_iter()
                .skip(q.offset)
                .take(limit)
                .map(|i| Hit {
                    service: i,
                    distance_m: None,
                })
                .collect()
        }
    };
    Found { total, hits }
}
