// The list `npm run bench` times: rendered whole from scratch, then one field updated.
Page({
  data: { rows: [] },
  toggle(e) {
    const index = this.data.rows.findIndex(row => row.id === e.currentTarget.dataset.id)
    this.setData({ [`rows[${index}].done`]: !this.data.rows[index].done })
  }
})
