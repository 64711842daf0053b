//! Whether a destructive change may go ahead: the one policy `migrate
//! dev`, `db push` and `migrate reset` share. Nothing is destroyed
//! without a yes or a flag that says yes; where no one can be asked (CI,
//! a pipe), the command stops instead.

use crate::data_loss::DataLoss;

/// What to do with a planned change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing stands in the way.
    Apply,
    /// Steps that cannot run on this data: stop.
    RefuseUnexecutable,
    /// Data would be lost and no one can be asked: stop.
    RefuseNonInteractive,
    /// Data would be lost: ask, and go ahead only on a yes.
    Ask,
}

/// How the command was run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Situation {
    /// Only a draft is written (`migrate dev --create-only`): steps that
    /// cannot run now are no reason to stop.
    pub drafting: bool,
    /// The user said yes in advance (`--accept-data-loss`, `--force`).
    pub accepted: bool,
    /// Someone can answer a question (Prisma's `canPrompt`).
    pub can_prompt: bool,
}

/// The verdict on a change that would do `loss`.
pub fn verdict(loss: &DataLoss, situation: Situation) -> Verdict {
    if !loss.unexecutable.is_empty() && !situation.drafting {
        return Verdict::RefuseUnexecutable;
    }
    if loss.warnings.is_empty() {
        return Verdict::Apply;
    }
    destructive(situation)
}

/// The verdict on an action that always destroys data (`migrate reset`).
pub fn destructive(situation: Situation) -> Verdict {
    if situation.accepted {
        Verdict::Apply
    } else if situation.can_prompt {
        Verdict::Ask
    } else {
        Verdict::RefuseNonInteractive
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loss(warnings: usize, unexecutable: usize) -> DataLoss {
        DataLoss {
            warnings: vec!["w".to_string(); warnings],
            unexecutable: vec![(1, "u".to_string()); unexecutable],
        }
    }

    const TERMINAL: Situation = Situation {
        drafting: false,
        accepted: false,
        can_prompt: true,
    };

    #[test]
    fn nothing_lost_is_applied_anywhere() {
        assert_eq!(verdict(&loss(0, 0), Situation::default()), Verdict::Apply);
    }

    #[test]
    fn unexecutable_steps_stop_all_but_a_draft() {
        assert_eq!(verdict(&loss(0, 1), TERMINAL), Verdict::RefuseUnexecutable);
        let accepted = Situation {
            accepted: true,
            ..TERMINAL
        };
        assert_eq!(verdict(&loss(1, 1), accepted), Verdict::RefuseUnexecutable);
        let drafting = Situation {
            drafting: true,
            ..TERMINAL
        };
        assert_eq!(verdict(&loss(0, 1), drafting), Verdict::Apply);
        // A draft still asks about what it would destroy.
        assert_eq!(verdict(&loss(1, 1), drafting), Verdict::Ask);
    }

    #[test]
    fn data_loss_needs_a_yes() {
        assert_eq!(verdict(&loss(1, 0), TERMINAL), Verdict::Ask);
        assert_eq!(
            verdict(&loss(1, 0), Situation::default()),
            Verdict::RefuseNonInteractive
        );
        let accepted = Situation {
            accepted: true,
            ..Situation::default()
        };
        assert_eq!(verdict(&loss(1, 0), accepted), Verdict::Apply);
    }
}
