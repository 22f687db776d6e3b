//! The ledger's rules: double entry in integer minor units, kept per fund.
//!
//! Every movement is a journal entry of lines (debits positive, credits negative) that sum to zero. Each fund has
//! its own accounts; a fund's balance is what its asset accounts (cash, money held by the payment provider) hold,
//! derived from the lines, never stored alone. Entries are never edited: a mistake is undone by a reversal, an
//! entry of the same lines negated. Money going out (aid, a transfer, a fee, a reversal of money in) may not take a
//! fund below zero; a refund or a dispute of a gift already spent may, and such an entry is flagged.

use crate::ids::{EntryId, FundId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One of a fund's accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Account {
    /// Money the team holds (bank, cash box). Asset.
    Cash,
    /// Money held for the team by the payment provider, not yet paid out. Asset.
    Processor,
    /// Gifts received. Income.
    Gifts,
    /// Grants received. Income.
    Grants,
    /// Mutual aid given. Expense.
    Aid,
    /// Provider fees and other costs. Expense.
    Fees,
    /// Gifts given back (refunds, lost disputes). Contra-income.
    Refunds,
    /// Moves between funds. Equity.
    Transfers,
}

impl Account {
    pub const ALL: [Account; 8] = [
        Account::Cash,
        Account::Processor,
        Account::Gifts,
        Account::Grants,
        Account::Aid,
        Account::Fees,
        Account::Refunds,
        Account::Transfers,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Account::Cash => "cash",
            Account::Processor => "processor",
            Account::Gifts => "gifts",
            Account::Grants => "grants",
            Account::Aid => "aid",
            Account::Fees => "fees",
            Account::Refunds => "refunds",
            Account::Transfers => "transfers",
        }
    }

    pub fn parse(s: &str) -> Option<Account> {
        Account::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// Whether the account holds the fund's money (its balance).
    pub fn is_asset(self) -> bool {
        matches!(self, Account::Cash | Account::Processor)
    }
}

/// What an entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Gift,
    Grant,
    Disbursement,
    Transfer,
    Fee,
    Refund,
    Dispute,
    Reversal,
}

impl EntryKind {
    pub const ALL: [EntryKind; 8] = [
        EntryKind::Gift,
        EntryKind::Grant,
        EntryKind::Disbursement,
        EntryKind::Transfer,
        EntryKind::Fee,
        EntryKind::Refund,
        EntryKind::Dispute,
        EntryKind::Reversal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Gift => "gift",
            EntryKind::Grant => "grant",
            EntryKind::Disbursement => "disbursement",
            EntryKind::Transfer => "transfer",
            EntryKind::Fee => "fee",
            EntryKind::Refund => "refund",
            EntryKind::Dispute => "dispute",
            EntryKind::Reversal => "reversal",
        }
    }

    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Money given back to a donor, or a fee the provider already took: it may take a fund below zero (the gift may
    /// be spent), and is then flagged.
    pub fn may_overdraw(self) -> bool {
        matches!(
            self,
            EntryKind::Refund | EntryKind::Dispute | EntryKind::Fee
        )
    }
}

/// One line of an entry: debit positive, credit negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub fund: FundId,
    pub account: Account,
    pub amount: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("an entry needs at least two lines")]
    TooFewLines,
    #[error("a line of zero moves nothing")]
    ZeroLine,
    #[error("the lines do not balance")]
    Unbalanced,
    #[error("the amounts overflow")]
    Overflow,
    #[error("the entry mixes currencies")]
    MixedCurrencies,
    #[error("the fund does not have enough money for this")]
    Insufficient,
    #[error("the entry was already reversed")]
    AlreadyReversed,
    #[error("a reversal cannot be reversed; post the entry again instead")]
    ReverseOfReversal,
    #[error("no such entry")]
    UnknownEntry,
    #[error("no such fund")]
    UnknownFund,
}

/// A ledger day (the organisation's local date as yyyymmdd) as "2026-11-27".
pub fn day_text(d: i64) -> String {
    format!("{:04}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100)
}

/// Checks that lines form a balanced entry.
pub fn check_balanced(lines: &[Line]) -> Result<(), LedgerError> {
    if lines.len() < 2 {
        return Err(LedgerError::TooFewLines);
    }
    let mut sum: i64 = 0;
    for l in lines {
        if l.amount == 0 {
            return Err(LedgerError::ZeroLine);
        }
        sum = sum.checked_add(l.amount).ok_or(LedgerError::Overflow)?;
    }
    if sum != 0 {
        return Err(LedgerError::Unbalanced);
    }
    Ok(())
}

/// How an entry changes each fund's balance (asset lines only).
pub fn asset_deltas(lines: &[Line]) -> BTreeMap<FundId, i64> {
    let mut out = BTreeMap::new();
    for l in lines.iter().filter(|l| l.account.is_asset()) {
        *out.entry(l.fund).or_insert(0) += l.amount;
    }
    out
}

/// Whether an entry may be posted on these balances: `Ok(flagged)`, flagged when a refund or dispute leaves a fund
/// below zero; `Err(Insufficient)` when other money out would.
pub fn check_funds(
    kind: EntryKind,
    lines: &[Line],
    balance: impl Fn(FundId) -> i64,
) -> Result<bool, LedgerError> {
    let mut flagged = false;
    for (fund, delta) in asset_deltas(lines) {
        if delta >= 0 {
            continue;
        }
        let after = balance(fund)
            .checked_add(delta)
            .ok_or(LedgerError::Overflow)?;
        if after < 0 {
            if kind.may_overdraw() {
                flagged = true;
            } else {
                return Err(LedgerError::Insufficient);
            }
        }
    }
    Ok(flagged)
}

/// A gift received into `via` (cash, or money held by the provider).
pub fn gift(fund: FundId, amount: i64, via: Account) -> Vec<Line> {
    vec![
        Line {
            fund,
            account: via,
            amount,
        },
        Line {
            fund,
            account: Account::Gifts,
            amount: -amount,
        },
    ]
}

/// A grant received in cash.
pub fn grant(fund: FundId, amount: i64) -> Vec<Line> {
    vec![
        Line {
            fund,
            account: Account::Cash,
            amount,
        },
        Line {
            fund,
            account: Account::Grants,
            amount: -amount,
        },
    ]
}

/// Mutual aid paid out of the fund's cash.
pub fn disbursement(fund: FundId, amount: i64) -> Vec<Line> {
    vec![
        Line {
            fund,
            account: Account::Aid,
            amount,
        },
        Line {
            fund,
            account: Account::Cash,
            amount: -amount,
        },
    ]
}

/// A gift given back, from where it was received.
pub fn refund(fund: FundId, amount: i64, via: Account) -> Vec<Line> {
    vec![
        Line {
            fund,
            account: Account::Refunds,
            amount,
        },
        Line {
            fund,
            account: via,
            amount: -amount,
        },
    ]
}

/// A provider's fee, taken from the money it holds.
pub fn fee(fund: FundId, amount: i64) -> Vec<Line> {
    vec![
        Line {
            fund,
            account: Account::Fees,
            amount,
        },
        Line {
            fund,
            account: Account::Processor,
            amount: -amount,
        },
    ]
}

/// Cash moved from one fund to another (same currency).
pub fn transfer(from: FundId, to: FundId, amount: i64) -> Vec<Line> {
    vec![
        Line {
            fund: from,
            account: Account::Transfers,
            amount,
        },
        Line {
            fund: from,
            account: Account::Cash,
            amount: -amount,
        },
        Line {
            fund: to,
            account: Account::Cash,
            amount,
        },
        Line {
            fund: to,
            account: Account::Transfers,
            amount: -amount,
        },
    ]
}

/// The lines that undo an entry.
pub fn reversal(lines: &[Line]) -> Vec<Line> {
    lines
        .iter()
        .map(|l| Line {
            amount: -l.amount,
            ..*l
        })
        .collect()
}

/// A posted entry, as the in-memory model keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posted {
    pub id: EntryId,
    pub kind: EntryKind,
    pub lines: Vec<Line>,
    pub reverses: Option<EntryId>,
    pub flagged: bool,
}

/// The ledger's rules over entries held in memory: the reference the store is tested against, and the model for
/// property tests.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    pub currencies: BTreeMap<FundId, &'static str>,
    pub entries: Vec<Posted>,
}

impl Ledger {
    pub fn open_fund(&mut self, fund: FundId, currency: &'static str) {
        self.currencies.insert(fund, currency);
    }

    /// A fund's balance: the sum of its asset lines.
    pub fn balance(&self, fund: FundId) -> i64 {
        self.entries
            .iter()
            .flat_map(|e| e.lines.iter())
            .filter(|l| l.fund == fund && l.account.is_asset())
            .map(|l| l.amount)
            .sum()
    }

    /// Checks and posts an entry.
    pub fn post(
        &mut self,
        kind: EntryKind,
        lines: Vec<Line>,
        reverses: Option<EntryId>,
    ) -> Result<EntryId, LedgerError> {
        check_balanced(&lines)?;
        let mut currency = None;
        for l in &lines {
            let c = self
                .currencies
                .get(&l.fund)
                .ok_or(LedgerError::UnknownFund)?;
            if currency.is_some_and(|x| x != *c) {
                return Err(LedgerError::MixedCurrencies);
            }
            currency = Some(*c);
        }
        let flagged = check_funds(kind, &lines, |f| self.balance(f))?;
        let id = EntryId::new();
        self.entries.push(Posted {
            id,
            kind,
            lines,
            reverses,
            flagged,
        });
        Ok(id)
    }

    /// Undoes an entry by posting its lines negated. A reversal that would take a fund below zero (money in that
    /// was spent since) is refused, like any other money out.
    pub fn reverse(&mut self, id: EntryId) -> Result<EntryId, LedgerError> {
        let e = self
            .entries
            .iter()
            .find(|e| e.id == id)
            .ok_or(LedgerError::UnknownEntry)?;
        if e.kind == EntryKind::Reversal {
            return Err(LedgerError::ReverseOfReversal);
        }
        if self.entries.iter().any(|x| x.reverses == Some(id)) {
            return Err(LedgerError::AlreadyReversed);
        }
        let lines = reversal(&e.lines);
        self.post(EntryKind::Reversal, lines, Some(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn builders_balance() {
        let (a, b) = (FundId::new(), FundId::new());
        for lines in [
            gift(a, 100, Account::Processor),
            grant(a, 100),
            disbursement(a, 100),
            refund(a, 100, Account::Cash),
            fee(a, 3),
            transfer(a, b, 50),
        ] {
            assert_eq!(check_balanced(&lines), Ok(()));
        }
        assert_eq!(
            check_balanced(&[Line {
                fund: a,
                account: Account::Cash,
                amount: 5
            }]),
            Err(LedgerError::TooFewLines)
        );
        let mut bad = gift(a, 100, Account::Cash);
        bad[0].amount = 99;
        assert_eq!(check_balanced(&bad), Err(LedgerError::Unbalanced));
        let over = vec![
            Line {
                fund: a,
                account: Account::Cash,
                amount: i64::MAX,
            },
            Line {
                fund: a,
                account: Account::Cash,
                amount: i64::MAX,
            },
        ];
        assert_eq!(check_balanced(&over), Err(LedgerError::Overflow));
    }

    #[test]
    fn no_aid_beyond_the_fund_but_a_refund_is_flagged() {
        let mut l = Ledger::default();
        let f = FundId::new();
        l.open_fund(f, "USD");
        let g = l.post(EntryKind::Gift, gift(f, 500, Account::Processor), None);
        assert!(g.is_ok());
        // The fund's balance is all it holds, wherever it is held.
        assert_eq!(
            l.post(EntryKind::Disbursement, disbursement(f, 501), None),
            Err(LedgerError::Insufficient)
        );
        l.post(EntryKind::Gift, gift(f, 300, Account::Cash), None)
            .unwrap();
        l.post(EntryKind::Disbursement, disbursement(f, 300), None)
            .unwrap();
        assert_eq!(l.balance(f), 500);
        // The processor's 500 is refunded and more: allowed, flagged.
        l.post(EntryKind::Refund, refund(f, 600, Account::Processor), None)
            .unwrap();
        assert!(l.entries.last().unwrap().flagged);
        assert_eq!(l.balance(f), -100);
        assert_eq!(
            l.reverse(g.unwrap()),
            Err(LedgerError::Insufficient),
            "a reversal of money in is money out"
        );
    }

    #[test]
    fn currencies_do_not_mix() {
        let mut l = Ledger::default();
        let (a, b) = (FundId::new(), FundId::new());
        l.open_fund(a, "USD");
        l.open_fund(b, "EUR");
        l.post(EntryKind::Gift, gift(a, 100, Account::Cash), None)
            .unwrap();
        assert_eq!(
            l.post(EntryKind::Transfer, transfer(a, b, 50), None),
            Err(LedgerError::MixedCurrencies)
        );
    }

    #[derive(Clone, Debug)]
    enum Step {
        Gift(usize, i64, bool),
        Grant(usize, i64),
        Aid(usize, i64),
        Fee(usize, i64),
        Refund(usize, i64, bool),
        Transfer(usize, usize, i64),
        Reverse(usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        let amt = 1i64..100_000;
        prop_oneof![
            (0..3usize, amt.clone(), any::<bool>()).prop_map(|(f, a, c)| Step::Gift(f, a, c)),
            (0..3usize, amt.clone()).prop_map(|(f, a)| Step::Grant(f, a)),
            (0..3usize, amt.clone()).prop_map(|(f, a)| Step::Aid(f, a)),
            (0..3usize, 1i64..500).prop_map(|(f, a)| Step::Fee(f, a)),
            (0..3usize, amt.clone(), any::<bool>()).prop_map(|(f, a, c)| Step::Refund(f, a, c)),
            (0..3usize, 0..3usize, amt).prop_map(|(f, t, a)| Step::Transfer(f, t, a)),
            (0..64usize).prop_map(Step::Reverse),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn any_sequence_keeps_the_books(steps in proptest::collection::vec(step(), 1..80)) {
            let funds = [FundId::new(), FundId::new(), FundId::new()];
            let mut l = Ledger::default();
            for f in funds {
                l.open_fund(f, "USD");
            }
            let via = |c: bool| if c { Account::Cash } else { Account::Processor };
            for s in steps {
                let before: Vec<i64> = funds.iter().map(|f| l.balance(*f)).collect();
                let flagged_before = l.entries.iter().filter(|e| e.flagged).count();
                let r = match s {
                    Step::Gift(f, a, c) => l.post(EntryKind::Gift, gift(funds[f], a, via(c)), None),
                    Step::Grant(f, a) => l.post(EntryKind::Grant, grant(funds[f], a), None),
                    Step::Aid(f, a) => l.post(EntryKind::Disbursement, disbursement(funds[f], a), None),
                    Step::Fee(f, a) => l.post(EntryKind::Fee, fee(funds[f], a), None),
                    Step::Refund(f, a, c) => l.post(EntryKind::Refund, refund(funds[f], a, via(c)), None),
                    Step::Transfer(f, t, a) if f != t => {
                        l.post(EntryKind::Transfer, transfer(funds[f], funds[t], a), None)
                    }
                    Step::Transfer(..) => continue,
                    Step::Reverse(i) => match l.entries.get(i).map(|e| e.id) {
                        Some(id) => {
                            let target = l.entries[i].clone();
                            let r = l.reverse(id);
                            if r.is_ok() {
                                // Reversal restores the balances from before the reversed entry's effect.
                                for (n, f) in funds.iter().enumerate() {
                                    let d = asset_deltas(&target.lines).get(f).copied().unwrap_or(0);
                                    prop_assert_eq!(l.balance(*f), before[n] - d);
                                }
                            }
                            r
                        }
                        None => continue,
                    },
                };
                // Every entry balances.
                for e in &l.entries {
                    prop_assert_eq!(e.lines.iter().map(|x| x.amount).sum::<i64>(), 0);
                }
                match r {
                    Ok(_) => {}
                    Err(_) => {
                        // A refused entry changes nothing.
                        let after: Vec<i64> = funds.iter().map(|f| l.balance(*f)).collect();
                        prop_assert_eq!(after, before);
                    }
                }
                // No fund is below zero unless a flagged refund put it there.
                let flagged = l.entries.iter().filter(|e| e.flagged).count();
                for f in funds {
                    if l.balance(f) < 0 {
                        prop_assert!(flagged > 0);
                    }
                }
                prop_assert!(flagged >= flagged_before);
            }
            // Balances equal the sum of entries, fund by fund, and the whole ledger sums to zero.
            let total: i64 = l.entries.iter().flat_map(|e| e.lines.iter()).map(|x| x.amount).sum();
            prop_assert_eq!(total, 0);
        }
    }
}
