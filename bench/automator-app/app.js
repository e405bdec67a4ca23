// The bench reads when the first page was ready, on the wall clock the bench also reads.
App({ globalData: { readyAt: 0 } })
