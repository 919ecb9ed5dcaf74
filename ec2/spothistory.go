package ec2

import (
	"context"

	"github.com/goboto/goboto"
)

// SpotPriceHistory is a handle on the Spot price history of the types,
// products and zone a SpotPriceFilter names, like boto's: Refresh reads
// the prices again, so a program can keep one and watch the market.
type SpotPriceHistory struct {
	Filter SpotPriceFilter
	Prices []SpotPrice // newest first, as of the last Refresh
	conn   *Conn
}

// SpotPrices returns a handle on the price history f selects. It sends
// nothing; call Refresh.
func (c *Conn) SpotPrices(f SpotPriceFilter) *SpotPriceHistory {
	return &SpotPriceHistory{Filter: f, conn: c}
}

// Conn returns the connection the history is read through.
func (h *SpotPriceHistory) Conn() *Conn { return h.conn }

// Refresh reads the whole history again (DescribeSpotPriceHistory, every
// page), replacing h.Prices only when all pages arrived.
func (h *SpotPriceHistory) Refresh(ctx context.Context) error {
	prices, err := goboto.Collect(h.conn.SpotPriceHistory(ctx, h.Filter))
	if err != nil {
		return err
	}
	h.Prices = prices
	return nil
}

// Latest returns the newest price in the history, or
// false when Refresh found none.
func (h *SpotPriceHistory) Latest() (SpotPrice, bool) {
	if len(h.Prices) == 0 {
		return SpotPrice{}, false
	}
	return h.Prices[0], true
}
