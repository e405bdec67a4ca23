//! `wx.requestPayment`: the cashier's outcome as WeChat reports it. The options were checked
//! by the family's schema (every field a string, all wrong ones listed in one errMsg).

/// What the user (or the simulated phone) did at the cashier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentOutcome {
    /// Paid.
    Pay,
    /// Closed the cashier.
    Cancel,
    /// The payment failed (bad signature, no balance...).
    Fail,
}

impl PaymentOutcome {
    /// The phone setting's value (`'pay' | 'cancel' | 'fail'`); anything else asks the user.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "pay" => Some(Self::Pay),
            "cancel" => Some(Self::Cancel),
            "fail" => Some(Self::Fail),
            _ => None,
        }
    }
}

/// Why a payment failed; `Display` is the part after `requestPayment:fail `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentError {
    /// The user closed the cashier.
    #[error("cancel")]
    Cancel,
    /// WeChat Pay refused it, with the detail WeChat gives (set on the simulated phone).
    #[error("{0}")]
    Failed(String),
}

/// The result of the cashier's `outcome`; `detail` is the failure's text.
///
/// # Errors
///
/// [`PaymentError::Cancel`], [`PaymentError::Failed`] (an empty detail reads as WeChat's
/// generic `system error`).
pub fn pay(outcome: PaymentOutcome, detail: &str) -> Result<(), PaymentError> {
    match outcome {
        PaymentOutcome::Pay => Ok(()),
        PaymentOutcome::Cancel => Err(PaymentError::Cancel),
        PaymentOutcome::Fail if detail.trim().is_empty() => {
            Err(PaymentError::Failed("system error".into()))
        }
        PaymentOutcome::Fail => Err(PaymentError::Failed(detail.trim().to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_outcome_reads_as_wechat() {
        assert_eq!(pay(PaymentOutcome::Pay, ""), Ok(()));
        assert_eq!(
            pay(PaymentOutcome::Cancel, "x").unwrap_err().to_string(),
            "cancel"
        );
        assert_eq!(
            pay(PaymentOutcome::Fail, " 余额不足 ")
                .unwrap_err()
                .to_string(),
            "余额不足"
        );
        assert_eq!(
            pay(PaymentOutcome::Fail, "").unwrap_err().to_string(),
            "system error"
        );
        assert_eq!(PaymentOutcome::parse("ask"), None);
    }
}
