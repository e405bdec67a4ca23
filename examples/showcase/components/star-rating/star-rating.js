// A rating of 0..max stars: tap a star to rate; the page hears `change` with the value.
Component({
  externalClasses: ['star-class'],
  properties: {
    value: { type: Number, value: 0 },
    max: { type: Number, value: 5 }
  },
  data: {
    stars: []
  },
  observers: {
    'value, max': function (value, max) {
      this.setData({ stars: Array.from({ length: max }, (_, i) => i < value) })
    }
  },
  lifetimes: {
    attached() {
      this.setData({ stars: Array.from({ length: this.data.max }, (_, i) => i < this.data.value) })
    }
  },
  methods: {
    rate(e) {
      const value = e.currentTarget.dataset.value
      this.triggerEvent('change', { value })
    }
  }
})
